import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import {
  conversionReportSchema,
  type ConversionReport,
  type ConversionSummary,
} from '../../../../shared/contract/conversion.js';
import { WorkbenchError, isWorkbenchError } from '../../../../shared/contract/errors.js';
import { entryFolders, moveToTrash, type Workspace } from '../../workspace/index.js';

export const MODEL_FILE = 'model.onnx';
export const LOG_FILE = 'converter.log';

/** conversions/<id>/: report.json, model.onnx and converter.log of each finished conversion. */
export interface ConversionStore {
  /** Moves a finished conversion's folder (holding model.onnx) into place and writes its report and log. */
  save(report: ConversionReport, staged: string, log: string): Promise<void>;
  list(): Promise<ConversionSummary[]>;
  get(id: string): Promise<ConversionReport>;
  /** Rewrites a saved report (after registering its model). */
  update(report: ConversionReport): Promise<void>;
  log(id: string): Promise<string>;
  /** The absolute path of a saved conversion's model. */
  modelPath(id: string): string;
  remove(id: string): Promise<{ trashedTo: string }>;
}

export function createConversionStore(workspace: Workspace): ConversionStore {
  const folder = workspace.folder('conversions');
  const reportPath = (id: string) => join('conversions', id, 'report.json');

  const get = (id: string): Promise<ConversionReport> =>
    workspace.readJson(reportPath(id), conversionReportSchema).catch((error: unknown) => {
      if (isWorkbenchError(error) && error.code === 'NOT_FOUND')
        throw new WorkbenchError({
          code: 'NOT_FOUND',
          message: `There is no conversion "${id}" in this workspace.`,
          hint: 'List the conversions with mlw convert list, or open the Conversion section.',
        });
      throw error;
    });
  const writeReport = (report: ConversionReport) =>
    workspace.writeFile(reportPath(report.id), `${JSON.stringify(report, null, 2)}\n`);

  return {
    async save(report, staged, log) {
      await mkdir(folder, { recursive: true });
      await rename(staged, workspace.resolve('conversions', report.id));
      await workspace.writeFile(join('conversions', report.id, LOG_FILE), log);
      await writeReport(report);
    },
    async list() {
      const ids = await entryFolders(workspace, 'conversions');
      const reports = await Promise.all(ids.map((id) => get(id).catch(() => undefined)));
      return reports
        .filter((report): report is ConversionReport => report !== undefined)
        .map(summaryOf)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },
    get,
    update: writeReport,
    async log(id) {
      await get(id);
      return readFile(workspace.resolve('conversions', id, LOG_FILE), 'utf8').catch(() => '');
    },
    modelPath: (id) => workspace.resolve('conversions', id, MODEL_FILE),
    async remove(id) {
      await get(id);
      return { trashedTo: await moveToTrash(workspace, 'conversions', id) };
    },
  };
}

function summaryOf(report: ConversionReport): ConversionSummary {
  return {
    id: report.id,
    createdAt: report.createdAt,
    from: report.from,
    to: report.to,
    registered: report.registered,
    registerRefused: report.registerRefused,
    sourceName: report.source.fileName,
    pass: report.parity.pass,
  };
}

/** A conversion's folder name: when, then what, readable in a file manager. */
export function conversionIdFor(sourceName: string, to: string, at: Date): string {
  const stamp = at.toISOString().slice(0, 23).replace('T', '-').replaceAll(/[:.]/g, '');
  const slug = `${sourceName.replace(/\.[a-z0-9]+$/i, '')} ${to}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80 - stamp.length - 1)
    .replace(/-+$/, '');
  return slug ? `${stamp}-${slug}` : stamp;
}
