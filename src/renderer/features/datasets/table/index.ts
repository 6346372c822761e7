export { DatasetTable } from './DatasetTable.js';
