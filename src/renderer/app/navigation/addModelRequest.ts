import { pendingRequest } from './pendingRequest.js';

/** "Add model…": the Models screen owns the file picker and the add dialog. */
const addModelRequest = pendingRequest();

export const requestAddModel = addModelRequest.request;
export const takeAddModelRequest = addModelRequest.take;
export const useAddModelRequested = addModelRequest.useRequested;
