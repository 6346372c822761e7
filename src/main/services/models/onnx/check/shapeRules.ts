import { unrepresentableDim, type OnnxModel, type OnnxValueInfo } from '../model.js';
import type { Finding } from './findings.js';

/**
 * Declared shapes of the main graph's values: a dimension past 2^53 - 1 (say 2^63 - 1) is no size a
 * tensor can have, so no input can be fed and no output made. Named with the exact value the file holds.
 */
export function checkDeclaredShapes(model: OnnxModel): Finding[] {
  const { graph } = model;
  const findings: Finding[] = [];
  const each = (values: OnnxValueInfo[], role: string) => {
    for (const value of values) {
      const type = value.type;
      if (!type || (type.kind !== 'tensor' && type.kind !== 'sparse_tensor') || !type.shape) continue;
      const huge = type.shape.filter(unrepresentableDim);
      if (huge.length === 0) continue;
      findings.push({
        severity: 'error',
        code: 'DIM_TOO_LARGE',
        value: value.name,
        message: `${role} '${value.name}' declares dims [${type.shape.map((dim) => dim ?? '?').join(', ')}]: ${huge.join(', ')} is more than any tensor can hold (at most 2^53 - 1 elements), so it can never be run. Export the model with its real sizes, or a named dimension (dim_param) where the size varies.`,
      });
    }
  };
  each(graph.inputs, 'Input');
  each(graph.outputs, 'Output');
  each(graph.valueInfo, 'Value');
  return findings;
}
