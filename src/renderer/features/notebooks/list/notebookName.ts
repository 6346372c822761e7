import { notebookNameSchema } from '../../../../shared/contract/notebooks.js';

/**
 * Checks a name typed for a new or renamed notebook as the service will, so the dialog says what is
 * wrong while the user types. A trailing ".ipynb" is dropped: the file always gets one.
 * Names are compared ignoring case, as the service does (macOS and Windows see one file).
 */
export function checkNotebookName(
  draft: string,
  existing: readonly string[],
  from?: string,
): { name: string; error: string | null } {
  const name = draft
    .trim()
    .replace(/\.ipynb$/i, '')
    .trim();
  const error = ((): string | null => {
    if (name === '') return 'Give the notebook a name.';
    if (name.length > 100) return 'A name has at most 100 characters.';
    if (name.startsWith('.')) return 'A name cannot start with a dot (the file would be hidden).';
    // eslint-disable-next-line no-control-regex
    const bad = /[<>:"/\\|?*\u0000-\u001f]/.exec(name)?.[0];
    if (bad !== undefined)
      return `“${bad}” cannot be in a name: file names on Windows and macOS cannot hold < > : " / \\ | ? *.`;
    if (name.endsWith('.')) return 'A name cannot end with a dot.';
    const parsed = notebookNameSchema.safeParse(name);
    if (!parsed.success) return parsed.error.issues[0]?.message ?? 'Not a valid notebook name.';
    const lower = name.toLowerCase();
    const taken = existing.find((n) => n.toLowerCase() === lower && n !== from);
    if (taken !== undefined) return `A notebook named “${taken}” already exists.`;
    return null;
  })();
  return { name, error };
}
