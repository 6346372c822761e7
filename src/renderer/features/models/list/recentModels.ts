/** The model paths opened lately, newest first, without repeats, at most `limit`. */
export function rememberModel(recent: readonly string[], path: string, limit = 20): string[] {
  return [path, ...recent.filter((p) => p !== path)].slice(0, limit);
}

/** A workspace-relative path as typed: slashes normalized, leading `./` and `/` dropped. */
export function normalizeModelPath(text: string): string {
  return text
    .trim()
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/^\/+/, '');
}
