import type { ModelCard } from '../../../../shared/contract/modelRegistry.js';
import { formatShape } from '../format.js';

type Value = ModelCard['inputs'][number];

/**
 * What changed in the inputs and outputs from one version to the next, in a sentence a user can act
 * on ("input image: shape [1, 3, 224, 224] → [N, 3, 224, 224]; output probs removed"), or null when
 * nothing did. Callers that feed the model need to know before they upgrade.
 */
export function signatureChange(before: ModelCard, after: ModelCard): string | null {
  const changes = [
    ...valueChanges('input', before.inputs, after.inputs),
    ...valueChanges('output', before.outputs, after.outputs),
  ];
  return changes.length === 0 ? null : changes.join('; ');
}

function valueChanges(role: 'input' | 'output', before: Value[], after: Value[]): string[] {
  const old = new Map(before.map((value) => [value.name, value]));
  const changes: string[] = [];
  for (const value of after) {
    const was = old.get(value.name);
    old.delete(value.name);
    if (!was) {
      changes.push(`${role} ${value.name} added`);
      continue;
    }
    if (was.elementType !== value.elementType)
      changes.push(`${role} ${value.name}: type ${typeName(was)} → ${typeName(value)}`);
    if (formatShape(was.shape) !== formatShape(value.shape))
      changes.push(`${role} ${value.name}: shape ${formatShape(was.shape)} → ${formatShape(value.shape)}`);
  }
  for (const name of old.keys()) changes.push(`${role} ${name} removed`);
  return changes;
}

function typeName(value: Value): string {
  return value.elementType ?? 'not a tensor';
}
