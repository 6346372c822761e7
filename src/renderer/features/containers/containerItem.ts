/** What the Containers route's item names: a build (by id) or a deployment (by name). */
export type ContainerTarget = { kind: 'build'; id: string } | { kind: 'deployment'; name: string };

export function containerItem(target: ContainerTarget): string {
  return target.kind === 'build' ? `build:${target.id}` : `deployment:${target.name}`;
}

export function parseContainerItem(item: string | undefined): ContainerTarget | undefined {
  if (item === undefined) return undefined;
  const colon = item.indexOf(':');
  const kind = item.slice(0, colon);
  const rest = item.slice(colon + 1);
  if (colon <= 0 || rest === '') return undefined;
  if (kind === 'build') return { kind, id: rest };
  if (kind === 'deployment') return { kind, name: rest };
  return undefined;
}
