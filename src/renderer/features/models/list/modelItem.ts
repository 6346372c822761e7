/** What the Models route's item names: a registered model (`name` or `name@3`) or a workspace file. */
export type ModelTarget =
  { kind: 'registry'; name: string; version?: number } | { kind: 'path'; path: string };

const REGISTRY_ITEM = /^([a-z0-9][a-z0-9._-]{0,63})(?:@(\d{1,7}))?$/;

export function parseModelItem(item: string): ModelTarget {
  const match = REGISTRY_ITEM.exec(item);
  if (!match || item.endsWith('.onnx') || item.includes('/')) return { kind: 'path', path: item };
  const version = match[2] === undefined ? undefined : Number(match[2]);
  return version === undefined
    ? { kind: 'registry', name: match[1]! }
    : { kind: 'registry', name: match[1]!, version };
}

export function modelItem(target: ModelTarget): string {
  if (target.kind === 'path') return target.path;
  return target.version === undefined ? target.name : `${target.name}@${target.version}`;
}

/** A registry name from a file name, as models.add would accept it: `ResNet 50 (v2).onnx` → `resnet-50-v2`. */
export function suggestModelName(fileName: string): string {
  const stem = fileName.replace(/\.onnx$/i, '');
  const name = stem
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/-+$/, '')
    .slice(0, 64);
  return name.endsWith('.onnx') || name === '' ? 'model' : name;
}
