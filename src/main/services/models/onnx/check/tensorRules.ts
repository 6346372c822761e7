import { dataTypeInfo, dataTypeName, fixedByteLength } from '../dataTypes.js';
import { tensorsOf } from '../graphWalk.js';
import type { ExternalData, OnnxModel, OnnxTensor } from '../model.js';
import type { Finding } from './findings.js';

/** Stored tensors: a known element type, sane dims, and data of the size the dims need, inline or external. */
export function checkTensors(model: OnnxModel): Finding[] {
  const findings: Finding[] = [];
  const externalProblems = new Map<string, { external: ExternalData; names: string[] }>();
  for (const tensor of tensorsOf(model.graph)) {
    const label = tensor.name ? `'${tensor.name}'` : 'An unnamed tensor';
    const value = tensor.name || undefined;
    if (!dataTypeInfo(tensor.dataType)) {
      findings.push({
        severity: 'error',
        code: 'TENSOR_TYPE',
        value,
        message: `Tensor ${label} has element type ${dataTypeName(tensor.dataType)}, which ONNX does not define.`,
      });
      continue;
    }
    if (tensor.dims.some((dim) => !Number.isSafeInteger(dim) || dim < 0)) {
      findings.push({
        severity: 'error',
        code: 'TENSOR_DIMS',
        value,
        message: `Tensor ${label} has invalid dims [${tensor.dims.join(', ')}]: a dimension is a whole number from 0 up, so its size cannot be told.`,
      });
      continue;
    }
    const needed = fixedByteLength(tensor.dataType, elementCount(tensor));
    if (tensor.external) {
      const { external } = tensor;
      if (external.problem) {
        const key = `${external.problem}:${external.location}`;
        const entry = externalProblems.get(key) ?? { external, names: [] };
        entry.names.push(tensor.name);
        externalProblems.set(key, entry);
        continue;
      }
      const stored = external.length ?? (external.fileBytes ?? 0) - external.offset;
      if (needed !== null && stored !== needed) {
        findings.push({
          severity: 'error',
          code: 'EXTERNAL_DATA_SIZE',
          value,
          message: `Tensor ${label} (${dataTypeName(tensor.dataType)} [${tensor.dims.join(', ')}]) needs ${needed} bytes but its external data in ${external.location} is ${stored} bytes. Export the model and its data files together again.`,
        });
      }
    } else if (tensor.rawBytes !== null && needed !== null && tensor.rawBytes !== needed) {
      findings.push({
        severity: 'error',
        code: 'TENSOR_DATA_SIZE',
        value,
        message: `Tensor ${label} (${dataTypeName(tensor.dataType)} [${tensor.dims.join(', ')}]) needs ${needed} bytes but its raw_data holds ${tensor.rawBytes}. The model is corrupt: export it again.`,
      });
    }
  }
  for (const { external, names } of externalProblems.values())
    findings.push(externalFinding(external, names));
  return findings;
}

function elementCount(tensor: OnnxTensor): number {
  return tensor.dims.reduce((product, dim) => product * dim, 1);
}

/** One finding per file and problem, naming how many tensors it affects. */
function externalFinding(external: ExternalData, names: string[]): Finding {
  const tensors =
    names.length === 1 ? `tensor '${names[0]}'` : `${names.length} tensors (first '${names[0] ?? ''}')`;
  const where = `'${external.location}'`;
  const problems: Record<NonNullable<ExternalData['problem']>, [string, string]> = {
    'no-location': [
      'EXTERNAL_DATA_NO_LOCATION',
      `The data of ${tensors} is marked external but names no file (external_data has no 'location').`,
    ],
    'outside-model-folder': [
      'EXTERNAL_DATA_OUTSIDE',
      `The data of ${tensors} is in ${where}, outside the model's folder; it was not read. External data must sit in the model's folder or below it: move the file there and give a relative location.`,
    ],
    missing: [
      'EXTERNAL_DATA_MISSING',
      `The data of ${tensors} is in ${where}, which is missing beside the model. Copy the data file into the model's folder.`,
    ],
    'not-a-file': ['EXTERNAL_DATA_MISSING', `The data of ${tensors} is in ${where}, which is not a file.`],
    short: [
      'EXTERNAL_DATA_SHORT',
      `The data of ${tensors} should be at bytes ${external.offset}..${external.offset + (external.length ?? 0)} of ${where}, but that file has only ${external.fileBytes ?? 0} bytes. The data file is incomplete: copy it again.`,
    ],
  };
  const [code, message] = problems[external.problem ?? 'missing'];
  return { severity: 'error', code, message, value: names[0] };
}
