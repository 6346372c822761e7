import type { Command } from 'commander';
import { buildRecordSchema, type BuildRecord } from '../../shared/contract/containerBuilds.js';
import { formatBytes, formatDateTime } from '../../shared/format/numbers.js';
import { parseModelRef } from '../../shared/models/modelRef.js';
import { WorkbenchError } from '../../shared/contract/errors.js';
import { formatTable } from './formatTable.js';
import { jobResult } from './jobResult.js';
import type { CliSession } from './session.js';
import { line } from './terminalText.js';

type WithSession = (work: (session: CliSession) => Promise<void>) => Promise<void>;

interface BuildFlags {
  tag?: string;
  base?: string;
  prepareOnly?: boolean;
}

export function registerContainerCommands(program: Command, withSession: WithSession): void {
  const container = program
    .command('container')
    .description('Build serving images for registered models, and run, try and ship them');

  container
    .command('build')
    .description(
      'Write a build context for a registered model version into builds/<id>/ and build its serving image',
    )
    .argument('<model>', 'name or name@version of a registered model')
    .option('-t, --tag <tag>', 'the image tag (default: mlw/<name>:<version>)')
    .option('--base <image>', 'the base image, any image on the engine (default: node:22-bookworm-slim)')
    .option('--prepare-only', 'write the build context and stop, to review or edit its Dockerfile first')
    .action((text: string, flags: BuildFlags) =>
      withSession(async ({ call, follow, output }) => {
        const ref = parseModelRef(text);
        if (ref.kind !== 'registry')
          throw new WorkbenchError({
            code: 'INVALID_INPUT',
            message: `${text} is a file; a container builds a registered model version.`,
            hint: `Add it first: mlw model add ${text}`,
          });
        const prepared = await call('containers.prepareBuild', {
          model: { name: ref.name, ...(ref.version ? { version: ref.version } : {}) },
          ...(flags.tag ? { tag: flags.tag } : {}),
          ...(flags.base ? { base: flags.base } : {}),
        });
        if (flags.prepareOnly) {
          output.result(prepared, () => renderPrepared(prepared));
          return;
        }
        const record = buildRecordSchema.parse(
          jobResult(await follow(await call('containers.build', { id: prepared.id }))),
        );
        output.result(record, () => renderBuilt(record));
      }),
    );

  container
    .command('rebuild')
    .description('Build a prepared build again (after editing its Dockerfile)')
    .argument('<id>', 'the build id (mlw container builds lists them)')
    .action((id: string) =>
      withSession(async ({ call, follow, output }) => {
        const record = buildRecordSchema.parse(
          jobResult(await follow(await call('containers.build', { id }))),
        );
        output.result(record, () => renderBuilt(record));
      }),
    );

  container
    .command('builds')
    .description('List the builds in the workspace, newest first')
    .action(() =>
      withSession(async ({ call, output }) => {
        const records = await call('containers.listBuilds', {});
        output.result(records, () =>
          records.length === 0
            ? 'No builds yet. Build one with: mlw container build MODEL[@VERSION]'
            : formatTable(records, [
                { header: 'ID', value: (r) => r.id, maxWidth: 48 },
                { header: 'MODEL', value: (r) => `${r.model.name}@${r.model.version}` },
                { header: 'TAG', value: (r) => r.tag },
                { header: 'STATUS', value: (r) => r.status },
                {
                  header: 'SIZE',
                  value: (r) => (r.image ? formatBytes(r.image.sizeBytes) : ''),
                  align: 'right',
                },
                { header: 'CREATED', value: (r) => formatDateTime(r.createdAt) },
              ]),
        );
      }),
    );

  container
    .command('show')
    .description("Show a build's record, its image's layers and its Dockerfile")
    .argument('<id>', 'the build id')
    .action((id: string) =>
      withSession(async ({ call, output }) => {
        const found = await call('containers.getBuild', { id });
        output.result(found, () => [renderBuilt(found.record), '', found.dockerfile].join('\n'));
      }),
    );

  container
    .command('base')
    .description(
      "Make a Node base image from this machine's Node and libraries, for an engine that cannot pull one",
    )
    .option('-t, --tag <tag>', 'the image tag', 'mlw-local/node:22')
    .action((flags: { tag: string }) =>
      withSession(async ({ call, output }) => {
        const made = await call('containers.makeLocalBase', { tag: flags.tag });
        output.result(
          made,
          () =>
            line`Made ${made.reference} (${made.imageId}). Build on it with: mlw container build MODEL --base ${made.reference}`,
        );
      }),
    );
}

function renderPrepared(record: BuildRecord): string {
  return [
    line`Prepared build ${record.id} for ${record.model.name}@${record.model.version} (${record.tag} on ${record.base.image}).`,
    line`Review or edit builds/${record.id}/context/Dockerfile, then: mlw container rebuild ${record.id}`,
  ].join('\n');
}

function renderBuilt(record: BuildRecord): string {
  const lines = [
    line`${record.tag}  ${record.status}  (build ${record.id})`,
    line`  model    ${record.model.name}@${record.model.version} sha256:${record.model.sha256.slice(0, 12)}`,
    line`  base     ${record.base.image}${record.base.digest ? ` (${record.base.digest})` : ''}`,
    line`  server   ${record.server.version}, ONNX Runtime ${record.onnxruntime.version}, port ${String(record.port)}`,
  ];
  if (record.error) lines.push(line`  error    ${record.error.message}`);
  if (record.image) {
    lines.push(line`  image    ${record.image.id}, ${formatBytes(record.image.sizeBytes)}`, '', '  layers');
    lines.push(
      formatTable(record.image.layers, [
        { header: 'SIZE', value: (l) => formatBytes(l.sizeBytes), align: 'right' },
        {
          header: 'CREATED BY',
          value: (l) => l.createdBy || '(the base: an imported file system)',
          maxWidth: 90,
        },
      ])
        .split('\n')
        .map((row) => `  ${row}`)
        .join('\n'),
    );
  }
  return lines.join('\n');
}
