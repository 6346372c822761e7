import { pendingRequest } from './pendingRequest.js';

/** "Import data set…": the Data screen owns the file picker. */
const importRequest = pendingRequest();

export const requestImport = importRequest.request;
export const takeImportRequest = importRequest.take;
export const useImportRequested = importRequest.useRequested;
