export { exportProfileReport, type ReportExportDeps } from './exportReport.js';
export { renderProfileReport } from './renderReport.js';
