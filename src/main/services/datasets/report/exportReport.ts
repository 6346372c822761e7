import { join } from 'node:path';
import type { Job } from '../../../../shared/contract/jobs.js';
import type { JobService } from '../../jobs/index.js';
import type { Workspace } from '../../workspace/index.js';
import type { DatasetService } from '../datasetService.js';
import { renderProfileReport } from './renderReport.js';

export interface ReportExportDeps {
  workspace: Workspace;
  jobs: JobService;
  datasets: Pick<DatasetService, 'get'>;
}

/**
 * Writes a data set's profile next to it, as datasets/<slug>/report.html (one self-contained file)
 * or report.json; the job's result is `{ path }`, relative to the workspace.
 */
export function exportProfileReport(deps: ReportExportDeps, slug: string, format: 'html' | 'json'): Job {
  return deps.jobs.start(
    { kind: 'datasets.exportReport', title: `Export the ${slug} profile as ${format.toUpperCase()}` },
    async (ctx) => {
      ctx.progress(0, 'Reading the profile');
      const { manifest, profile } = await deps.datasets.get(slug);
      const path = join('datasets', slug, `report.${format}`);
      ctx.progress(0.5, 'Writing the report');
      const content =
        format === 'html'
          ? renderProfileReport(profile, manifest.name)
          : `${JSON.stringify(profile, null, 2)}\n`;
      await deps.workspace.writeFile(path, content);
      ctx.log(`Wrote ${path} (${Buffer.byteLength(content)} bytes)`);
      return { path };
    },
  );
}
