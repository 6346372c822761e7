import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { WorkbenchError } from '../../../shared/contract/errors.js';
import {
  notebookNameSchema,
  type NotebookDocument,
  type NotebookFile,
  type NotebookSummary,
} from '../../../shared/contract/notebooks.js';
import type { Workspace } from '../workspace/index.js';
import { describeIssue, fromIpynb, ipynbSchema, toIpynb } from './ipynb.js';

/** Reads and writes `<workspace>/notebooks/<name>.ipynb`; never overwrites a file it cannot read. */
export interface NotebookStore {
  list(): Promise<NotebookSummary[]>;
  get(name: string): Promise<NotebookFile>;
  /** Writes a new notebook; ALREADY_EXISTS if the name is taken. */
  create(name: string, document: NotebookDocument): Promise<NotebookFile>;
  save(
    name: string,
    revision: string,
    document: NotebookDocument,
  ): Promise<{ revision: string; savedAt: string }>;
  /**
   * Renames `<name>.ipynb` to `<to>.ipynb` in the notebooks folder. ALREADY_EXISTS when another
   * notebook has that name ignoring case (macOS and Windows would see one file); a change of case
   * alone is allowed.
   */
  rename(name: string, to: string): Promise<NotebookSummary>;
  trash(name: string): Promise<{ trashedAs: string }>;
  exists(name: string): Promise<boolean>;
}

const revisionOf = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

export function serializeNotebook(document: NotebookDocument): string {
  return `${JSON.stringify(toIpynb(document), null, 1)}\n`;
}

export function createNotebookStore(workspace: Workspace): NotebookStore {
  const folder = workspace.folder('notebooks');
  const pathOf = (name: string): string => workspace.resolve('notebooks', `${name}.ipynb`);

  const readText = async (name: string): Promise<string | undefined> => {
    try {
      return await readFile(pathOf(name), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  };

  const notFound = (name: string): WorkbenchError =>
    new WorkbenchError({ code: 'NOT_FOUND', message: `There is no notebook named "${name}".` });

  const summary = async (name: string): Promise<NotebookSummary> => {
    const info = await stat(pathOf(name));
    return { name, modifiedAt: info.mtime.toISOString(), sizeBytes: info.size };
  };

  const exists = async (name: string): Promise<boolean> => (await readText(name)) !== undefined;

  const names = async (): Promise<string[]> => {
    const entries = await readdir(folder, { withFileTypes: true });
    return (
      entries
        .filter((e) => e.isFile() && e.name.endsWith('.ipynb') && !e.name.startsWith('.'))
        .map((e) => e.name.slice(0, -'.ipynb'.length))
        // A file no notebook name can spell (made outside the app) must not break the whole list.
        .filter((name) => notebookNameSchema.safeParse(name).success)
    );
  };

  /** Another notebook whose name equals `name` ignoring case (it would be the same file on macOS). */
  const clash = async (name: string, except?: string): Promise<WorkbenchError | undefined> => {
    const lower = name.toLowerCase();
    const taken = (await names()).find((n) => n.toLowerCase() === lower && n !== except);
    if (taken === undefined) return undefined;
    return new WorkbenchError({
      code: 'ALREADY_EXISTS',
      message:
        taken === name
          ? `A notebook named "${taken}" already exists.`
          : `A notebook named "${taken}" already exists (names differing only in case are the same file on macOS and Windows).`,
      hint: 'Choose another name, or open the existing notebook.',
      details: { existing: taken },
    });
  };

  return {
    exists,
    async list() {
      const summaries = await Promise.all((await names()).map(summary));
      return summaries.sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt));
    },
    async get(name) {
      const text = await readText(name);
      if (text === undefined) throw notFound(name);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw brokenFile(name, `it is not JSON (${(error as Error).message})`);
      }
      const parsed = ipynbSchema.safeParse(json);
      if (!parsed.success) throw brokenFile(name, describeIssue(parsed.error));
      return { name, revision: revisionOf(text), document: fromIpynb(parsed.data) };
    },
    async create(name, document) {
      const taken = await clash(name);
      if (taken) throw taken;
      const text = serializeNotebook(document);
      await workspace.writeFile(pathOf(name), text);
      return { name, revision: revisionOf(text), document };
    },
    async save(name, revision, document) {
      const current = await readText(name);
      if (current === undefined) throw notFound(name);
      if (revisionOf(current) !== revision) {
        throw new WorkbenchError({
          code: 'INVALID_INPUT',
          message: `"${name}" was changed elsewhere (another window or program) since you opened it.`,
          hint: 'Reload the notebook to see the other changes; copy your edits first if you need them.',
          details: { reason: 'revision-conflict', revision: revisionOf(current) },
        });
      }
      // A file we cannot read is the user's data: never replace it with our version.
      const parsed = ipynbSchema.safeParse(JSON.parse(current));
      if (!parsed.success) throw brokenFile(name, describeIssue(parsed.error));
      const text = serializeNotebook(document);
      await workspace.writeFile(pathOf(name), text);
      return { revision: revisionOf(text), savedAt: new Date().toISOString() };
    },
    async rename(name, to) {
      if (!(await exists(name))) throw notFound(name);
      if (to === name) return summary(name);
      const taken = await clash(to, name);
      if (taken) throw taken;
      await rename(pathOf(name), pathOf(to));
      return summary(to);
    },
    async trash(name) {
      if (!(await exists(name))) throw notFound(name);
      const trashDir = join(folder, '.trash');
      await mkdir(trashDir, { recursive: true });
      const trashedAs = `${name}.${new Date().toISOString().replaceAll(':', '-')}.ipynb`;
      await rename(pathOf(name), join(trashDir, trashedAs));
      return { trashedAs: `notebooks/.trash/${trashedAs}` };
    },
  };
}

function brokenFile(name: string, reason: string): WorkbenchError {
  return new WorkbenchError({
    code: 'WORKSPACE_INVALID',
    message: `The notebook "${name}.ipynb" cannot be opened: ${reason}.`,
    hint: 'The file was left as it is. Fix it in a text editor or Jupyter, or restore it from version control.',
  });
}
