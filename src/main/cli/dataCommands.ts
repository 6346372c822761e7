import { writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  datasetImportResultSchema,
  profileSchema,
  type DatasetManifest,
} from '../../shared/contract/datasets.js';
import { formatBytes, formatCount } from '../../shared/format/numbers.js';
import { renderProfileReport } from '../services/datasets/report/index.js';
import { formatTable } from './formatTable.js';
import { line } from './terminalText.js';
import { addImportFlags, importOptionsFromFlags, renderPreview, type ImportFlags } from './importOptions.js';
import { renderProfile } from './renderProfile.js';
import { jobResult } from './jobResult.js';
import type { CliSession } from './session.js';

export function registerDataCommands(
  program: Command,
  withSession: (work: (session: CliSession) => Promise<void>) => Promise<void>,
): void {
  const data = program.command('data').description('Import, profile and list data sets');

  data
    .command('profile')
    .description('Profile a CSV file where it is, without importing it')
    .argument('<file>', 'a CSV or TSV file')
    .option('--html <out>', 'also write the profile as one self-contained HTML report to this file')
    .action((file: string, options: { html?: string }) =>
      withSession(async ({ call, follow, output }) => {
        const job = await follow(await call('datasets.profile', { source: { kind: 'path', path: file } }));
        const profile = profileSchema.parse(jobResult(job));
        if (options.html)
          await writeFile(resolve(options.html), renderProfileReport(profile, basename(file)));
        output.result(profile, () => renderProfile(profile));
      }),
    );

  addImportFlags(
    data
      .command('import')
      .description(
        'Import a CSV, TSV, Parquet, JSON or NDJSON file into the workspace as Parquet, with its profile',
      )
      .argument('<file>', 'the file to import; its format is detected unless --format is given')
      .option('--name <name>', 'the data set name (default: the file name)'),
  ).action((file: string, flags: ImportFlags & { name?: string }) =>
    withSession(async ({ call, follow, output }) => {
      const options = importOptionsFromFlags(flags);
      const job = await follow(
        await call('datasets.import', {
          source: { kind: 'path', path: file },
          ...(flags.name ? { name: flags.name } : {}),
          ...(Object.keys(options).length > 0 ? { options } : {}),
        }),
      );
      const { slug } = datasetImportResultSchema.parse(jobResult(job));
      const dataset = await call('datasets.get', { slug });
      output.result(
        dataset,
        () => `${renderManifest(dataset.manifest)}\n\n${renderProfile(dataset.profile)}`,
      );
    }),
  );

  addImportFlags(
    data
      .command('preview')
      .description(
        'Show the first rows of a file as `data import` would read them, and the settings it detected',
      )
      .argument('<file>', 'the file to preview; only its head is read'),
  ).action((file: string, flags: ImportFlags) =>
    withSession(async ({ call, output }) => {
      const options = importOptionsFromFlags(flags);
      const preview = await call('datasets.preview', {
        source: { kind: 'path', path: file },
        ...(Object.keys(options).length > 0 ? { options } : {}),
      });
      output.result(preview, () => renderPreview(preview));
    }),
  );

  data
    .command('list')
    .description('List the data sets in the workspace')
    .action(() =>
      withSession(async ({ call, output }) => {
        const datasets = await call('datasets.list', {});
        output.result(datasets, () =>
          datasets.length === 0
            ? 'No data sets yet. Import one with: mlw data import FILE.csv'
            : formatTable(datasets, [
                { header: 'SLUG', value: (d) => d.slug },
                { header: 'ROWS', value: (d) => formatCount(d.rows), align: 'right' },
                { header: 'COLUMNS', value: (d) => String(d.columns.length), align: 'right' },
                { header: 'PARQUET', value: (d) => formatBytes(d.data.sizeBytes), align: 'right' },
                { header: 'IMPORTED', value: (d) => d.importedAt.slice(0, 19).replace('T', ' ') },
              ]),
        );
      }),
    );

  data
    .command('show')
    .description('Show a data set and its profile')
    .argument('<slug>', 'the data set slug, as `mlw data list` prints it')
    .action((slug: string) =>
      withSession(async ({ call, output }) => {
        const dataset = await call('datasets.get', { slug });
        output.result(
          dataset,
          () => `${renderManifest(dataset.manifest)}\n\n${renderProfile(dataset.profile)}`,
        );
      }),
    );
}

function renderManifest(manifest: DatasetManifest): string {
  return [
    line`${manifest.name} (${manifest.slug})`,
    line`  source   ${manifest.source.path ?? manifest.source.fileName}, ${formatBytes(manifest.source.sizeBytes)} (${manifest.format})`,
    line`  stored   datasets/${manifest.slug}/data.parquet, ${formatBytes(manifest.data.sizeBytes)}`,
  ].join('\n');
}
