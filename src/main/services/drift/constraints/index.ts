export { checkConstraints, type CheckOptions } from './checkConstraints.js';
export { reportConstraints, type ReportConstraintsInput } from './reportConstraints.js';
export { suggestConstraints, suggestedCompleteness, type SuggestOptions } from './suggestConstraints.js';
