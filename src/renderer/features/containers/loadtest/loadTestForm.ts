import type { LoadTestRequest } from '../../../../shared/contract/containerLoadtests.js';
import type { ValueInfo } from '../../../../shared/contract/models.js';
import { V2_INFER_PATH, type TensorEncoding } from '../../../../shared/contract/servedRequests.js';
import { datasetProblems, type DatasetState } from '../../models/run/datasetMapping.js';

/** Bodies the service makes per test (loadTestService BODIES): a data set gives bodies × batch rows. */
export const LOAD_TEST_BODIES = 16;

export interface LoadTestForm {
  path: string;
  /** Binary tensors, when the route is v2 infer; /predict is always JSON. */
  encoding: TensorEncoding;
  connections: number;
  stopBy: 'duration' | 'requests';
  durationS: number;
  requests: number;
  batch: number;
  payload: 'signature' | 'dataset';
  dataset: DatasetState;
}

export function initialLoadTestForm(): LoadTestForm {
  return {
    path: '/predict',
    encoding: 'json',
    connections: 16,
    stopBy: 'duration',
    durationS: 10,
    requests: 1000,
    batch: 1,
    payload: 'signature',
    dataset: { slug: null, name: '', mapping: {}, offset: 0, limit: LOAD_TEST_BODIES },
  };
}

/** The routes whose body the service can make: /predict and the v2 infer route of the model. */
export function loadTestRoutes(modelName: string): string[] {
  return ['/predict', `/v2/models/${modelName}/infer`];
}

/** Whether the route takes binary tensors: only v2 infer does. */
export function takesBinary(form: Pick<LoadTestForm, 'path'>): boolean {
  return V2_INFER_PATH.test(form.path);
}

/** The encoding the test will use: the chosen one on v2 infer, JSON on any other route. */
export function sentEncoding(form: Pick<LoadTestForm, 'path' | 'encoding'>): TensorEncoding {
  return takesBinary(form) ? form.encoding : 'json';
}

/** What must be fixed before the test can start, by field ('' for the data set itself, or an input name). */
export function loadTestProblems(
  form: LoadTestForm,
  inputs: readonly ValueInfo[] | undefined,
): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!(form.connections >= 1 && form.connections <= 1024))
    problems.connections = 'From 1 to 1,024 connections.';
  if (form.stopBy === 'duration' && !(form.durationS >= 1 && form.durationS <= 3600))
    problems.durationS = 'From 1 s to an hour.';
  if (form.stopBy === 'requests' && !(form.requests >= 1 && Number.isInteger(form.requests)))
    problems.requests = 'At least one request.';
  if (!(form.batch >= 1 && form.batch <= 4096)) problems.batch = 'From 1 to 4,096 rows.';
  if (form.payload === 'dataset' && inputs) Object.assign(problems, datasetProblems(inputs, form.dataset));
  return problems;
}

export function loadTestRequestOf(name: string, form: LoadTestForm): LoadTestRequest {
  const { dataset } = form;
  return {
    name,
    path: form.path,
    encoding: sentEncoding(form),
    connections: form.connections,
    batch: form.batch,
    ...(form.stopBy === 'duration' ? { durationS: form.durationS } : { requests: form.requests }),
    ...(form.payload === 'dataset' && dataset.slug !== null
      ? { dataset: dataset.slug, mapping: dataset.mapping, offset: dataset.offset }
      : {}),
  };
}
