export { renderDriftReportHtml } from './renderDriftReport.js';
