// The summary's types are the contract's: inspect() builds exactly what crosses to the windows.
export type * from '../../../../../shared/contract/modelSummary.js';
