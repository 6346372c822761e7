import type { z } from 'zod';
import { servedImageSchema, type ServedImage } from '../../../../shared/contract/containers.js';
import { invalidSettings } from './exportErrors.js';
import { labelValue, resourceName } from './resourceNames.js';

/** The environment variable the model server reads its API key from, and the Secret entry it comes from. */
export const API_KEY_ENV = 'MLW_API_KEY';
export const API_KEY_SECRET_KEY = 'api-key';
export const READY_PATH = '/ready';
export const HEALTH_PATH = '/health';
export const PREDICT_PATH = '/predict';
/** How a client presents the API key to the server. */
export const API_KEY_HEADER = 'Authorization: Bearer';
const DEFAULT_RESOURCES = { cpu: '500m', memory: '512Mi' };
const ANNOTATION_PREFIX = 'mlops-workbench.dev';

/** The settings, checked, with defaults filled in and the names every generated object shares. */
export interface ServedImagePlan extends ServedImage {
  name: string;
  resources: { cpu: string; memory: string };
  /** Selects the pods: fixed for the life of the Deployment, so it holds no version. */
  selector: Record<string, string>;
  labels: Record<string, string>;
  /** The exact model name, version and hash, which labels cannot always hold. */
  annotations: Record<string, string>;
}

/** The settings as the schema reads them, or INVALID_INPUT naming the first bad field. */
export function checkedSettings<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalidSettings(parsed.error);
  return parsed.data;
}

export function planServedImage(input: unknown, nameLength = 63): ServedImagePlan {
  const settings = checkedSettings(servedImageSchema, input);
  const name = resourceName(settings.modelName, nameLength);
  const selector = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': name };
  return {
    ...settings,
    name,
    resources: settings.resources ?? DEFAULT_RESOURCES,
    selector,
    labels: {
      ...selector,
      'app.kubernetes.io/version': labelValue(settings.modelVersion),
      'app.kubernetes.io/component': 'model-server',
      'app.kubernetes.io/managed-by': 'mlops-workbench',
      [`${ANNOTATION_PREFIX}/model`]: labelValue(settings.modelName),
      [`${ANNOTATION_PREFIX}/model-version`]: labelValue(settings.modelVersion),
    },
    annotations: {
      [`${ANNOTATION_PREFIX}/model`]: settings.modelName,
      [`${ANNOTATION_PREFIX}/model-version`]: settings.modelVersion,
      [`${ANNOTATION_PREFIX}/model-sha256`]: settings.modelSha256,
    },
  };
}
