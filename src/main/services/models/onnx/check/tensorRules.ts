import { dataTypeInfo, dataTypeName, fixedByteLength } from '../dataTypes.js';
import { tensorsOf } from '../graphWalk.js';
import type { ExternalData, OnnxModel, OnnxTensor } from '../model.js';
import { expectedTypedValues } from '../typedData.js';
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
    } else if (tensor.typedValues !== null) {
      const finding = typedDataFinding(tensor, label, value);
      if (finding) findings.push(finding);
    }
  }
  for (const { external, names } of externalProblems.values())
    findings.push(externalFinding(external, names));
  return findings;
}

/** A tensor stored in its typed field (float_data, …) must hold a value for every element its dims declare. */
function typedDataFinding(tensor: OnnxTensor, label: string, value: string | undefined): Finding | null {
  const elements = elementCount(tensor);
  const expected = expectedTypedValues(tensor.dataType, elements);
  if (tensor.typedValues === expected) return null;
  const field = dataTypeInfo(tensor.dataType)?.field ?? 'typed data';
  const declared = `${dataTypeName(tensor.dataType)} [${tensor.dims.join(', ')}]`;
  if (tensor.typedValues === 0) {
    return {
      severity: 'error',
      code: 'TENSOR_DATA_MISSING',
      value,
      message: `Tensor ${label} (${declared}) declares ${elements} elements but stores no data: neither raw_data nor ${field} is set. The exporter left its values out; export the model again with its weights (or with external data files).`,
    };
  }
  return {
    severity: 'error',
    code: 'TENSOR_DATA_SIZE',
    value,
    message: `Tensor ${label} (${declared}) needs ${expected} values in ${field} but holds ${tensor.typedValues ?? 0}. The model is corrupt: export it again.`,
  };
}

function elementCount(tensor: OnnxTensor): number {
  return tensor.dims.reduce((product, dim) => product * dim, 1);
}

function rangeValue(value: number | null): string {
  return value === null || Number.isNaN(value) ? 'something that is not a number' : String(value);
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
    'invalid-offset': [
      'EXTERNAL_DATA_RANGE',
      `The data of ${tensors} is said to start at offset ${rangeValue(external.offset)} of ${where}; an offset must be a whole number of bytes, 0 or more. The model file is corrupt: save it again with its external data.`,
    ],
    'invalid-length': [
      'EXTERNAL_DATA_RANGE',
      `The data of ${tensors} is said to be ${rangeValue(external.length)} bytes long in ${where}; a length must be a whole number of bytes, 0 or more. The model file is corrupt: save it again with its external data.`,
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
