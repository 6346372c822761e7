/** `mlw/<model>:<version>`: Docker repositories are lower-case with single separators. */
export function defaultImageTag(name: string, version: number): string {
  return `mlw/${name.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'model'}:${version}`;
}
