import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  driftReportSchema,
  type DriftReport,
  type DriftReportSummary,
} from '../../../shared/contract/drift.js';
import { WorkbenchError, isWorkbenchError } from '../../../shared/contract/errors.js';
import { entryFolders, moveToTrash, type Workspace } from '../workspace/index.js';
import { renderDriftReportHtml } from './report/index.js';

export interface ReportStore {
  /** Writes drift/<id>/report.json and report.html; returns their workspace-relative paths. */
  save(report: DriftReport): Promise<{ json: string; html: string }>;
  list(): Promise<DriftReportSummary[]>;
  get(id: string): Promise<DriftReport>;
  /** drift/<id>/report.html, rendered again from the JSON (and saved) when it is missing. */
  html(id: string): Promise<string>;
  remove(id: string): Promise<{ trashedTo: string }>;
}

export function createReportStore(workspace: Workspace): ReportStore {
  const jsonPath = (id: string) => join('drift', id, 'report.json');

  const get = async (id: string): Promise<DriftReport> =>
    workspace.readJson(jsonPath(id), driftReportSchema).catch((error: unknown) => {
      if (isWorkbenchError(error) && error.code === 'NOT_FOUND')
        throw new WorkbenchError({
          code: 'NOT_FOUND',
          message: `There is no drift report "${id}" in this workspace.`,
          hint: 'List the reports with mlw drift list, or open the Drift section.',
        });
      throw error;
    });

  return {
    async save(report) {
      const json = jsonPath(report.id);
      const html = join('drift', report.id, 'report.html');
      await workspace.writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
      await workspace.writeFile(html, renderDriftReportHtml(report));
      return { json, html };
    },
    async list() {
      const ids = await entryFolders(workspace, 'drift');
      const reports = await Promise.all(ids.map((id) => get(id).catch(() => undefined)));
      return reports
        .filter((report): report is DriftReport => report !== undefined)
        .map(summaryOf)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },
    get,
    async html(id) {
      const report = await get(id);
      const path = join('drift', id, 'report.html');
      try {
        return await readFile(workspace.resolve(path), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        const html = renderDriftReportHtml(report);
        await workspace.writeFile(path, html);
        return html;
      }
    },
    async remove(id) {
      await get(id);
      return { trashedTo: await moveToTrash(workspace, 'drift', id) };
    },
  };
}

function summaryOf(report: DriftReport): DriftReportSummary {
  return {
    id: report.id,
    createdAt: report.createdAt,
    baseline: report.baseline.label,
    current: report.current.label,
    compared: report.dataset.compared,
    drifted: report.dataset.drifted,
    drift: report.dataset.drift,
  };
}

/** A report's folder name: when it was made, then what was compared, readable in a file manager. */
export function reportIdFor(baseline: string, current: string, at: Date): string {
  const stamp = at.toISOString().slice(0, 19).replace('T', '-').replaceAll(':', '');
  const slug = `${current} vs ${baseline}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80 - stamp.length - 1)
    .replace(/-+$/, '');
  return slug ? `${stamp}-${slug}` : stamp;
}
