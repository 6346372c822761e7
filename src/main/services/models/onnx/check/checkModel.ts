import type { OnnxModel } from '../model.js';
import type { Finding } from './findings.js';
import { checkFunctions } from './functionRules.js';
import { checkGraphs } from './graphRules.js';
import { checkVersions } from './opsetRules.js';
import { checkPlatform } from './platformRules.js';
import { checkSchemas } from './schemaRules.js';
import { checkDeclaredShapes } from './shapeRules.js';
import { checkTensors } from './tensorRules.js';

/**
 * Structural problems of a model read by readOnnxModel, in the spirit of onnx.checker and judged
 * against the ONNX Runtime this app ships: errors stop the model from loading there, warnings may
 * matter elsewhere. Errors come first. External data files were looked up when the model was read.
 */
export function checkModel(model: OnnxModel): Finding[] {
  const findings = [
    ...checkVersions(model),
    ...checkGraphs(model),
    ...checkSchemas(model),
    ...checkFunctions(model),
    ...checkDeclaredShapes(model),
    ...checkTensors(model),
    ...checkPlatform(model),
  ];
  return [
    ...findings.filter((f) => f.severity === 'error'),
    ...findings.filter((f) => f.severity === 'warning'),
  ];
}
