import { readdir } from 'node:fs/promises';
import { buildRecordSchema, type BuildRecord } from '../../../../shared/contract/containerBuilds.js';
import { WorkbenchError } from '../../../../shared/contract/errors.js';
import type { Workspace } from '../../workspace/index.js';

/** `builds/<id>/`: build.json, build.log and context/, confined to the workspace. */
export function createBuildStore(workspace: Workspace) {
  const folder = (id: string): string => {
    if (!/^[a-z0-9][a-z0-9._-]{0,199}$/.test(id))
      throw new WorkbenchError({
        code: 'INVALID_INPUT',
        message: `"${id}" is not a build id: ids are lower-case letters, digits, dots, dashes and underscores.`,
        hint: 'mlw container builds lists the builds and their ids.',
      });
    return workspace.resolve('builds', id);
  };
  const recordPath = (id: string): string => workspace.resolve(folder(id), 'build.json');

  const read = async (id: string): Promise<BuildRecord> => {
    try {
      return await workspace.readJson(recordPath(id), buildRecordSchema);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        throw new WorkbenchError({
          code: 'NOT_FOUND',
          message: `There is no build ${id} in this workspace.`,
          hint: 'mlw container builds lists the builds; mlw container build MODEL makes one.',
          details: { id },
        });
      throw error;
    }
  };

  return {
    folder,
    contextFolder: (id: string) => workspace.resolve(folder(id), 'context'),
    logPath: (id: string) => workspace.resolve(folder(id), 'build.log'),
    read,
    write: (record: BuildRecord) => workspace.writeJson(recordPath(record.id), record),
    async update(id: string, change: (record: BuildRecord) => BuildRecord): Promise<BuildRecord> {
      const next = change(await read(id));
      await workspace.writeJson(recordPath(id), next);
      return next;
    },
    /** Every readable build, newest first; a folder without a valid build.json is not one. */
    async list(): Promise<BuildRecord[]> {
      const names = await readdir(workspace.folder('builds')).catch(() => [] as string[]);
      const records = await Promise.all(names.map((name) => read(name).catch(() => undefined)));
      return records
        .filter((record): record is BuildRecord => record !== undefined)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },
  };
}

export type BuildStore = ReturnType<typeof createBuildStore>;
