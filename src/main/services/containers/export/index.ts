// Not re-exported from ../index.ts: kubernetes-models, ajv and yaml take ~200 ms to load, which
// every command that never exports would pay. Import this module where an export is asked for.
export { githubActionsWorkflow } from './githubActionsWorkflow.js';
export type { GeneratedWorkflow } from './githubActionsWorkflow.js';
export { kserveInferenceService } from './kserveInferenceService.js';
export { kubernetesManifests } from './kubernetesManifests.js';
export {
  API_KEY_ENV,
  API_KEY_HEADER,
  API_KEY_SECRET_KEY,
  HEALTH_PATH,
  PREDICT_PATH,
  READY_PATH,
} from './servedImage.js';
