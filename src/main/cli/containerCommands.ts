import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Deployment } from '../../shared/contract/containerDeployments.js';
import { buildRecordSchema, type BuildRecord } from '../../shared/contract/containerBuilds.js';
import { loadTestResultSchema, type LoadTestResult } from '../../shared/contract/containerLoadtests.js';
import { formatBytes, formatDateTime } from '../../shared/format/numbers.js';
import { parseModelRef } from '../../shared/models/modelRef.js';
import { WorkbenchError } from '../../shared/contract/errors.js';
import { registerShipCommands } from './containerShipCommands.js';
import { formatTable } from './formatTable.js';
import { jobResult } from './jobResult.js';
import type { CliSession } from './session.js';
import { line } from './terminalText.js';

type WithSession = (work: (session: CliSession) => Promise<void>) => Promise<void>;

interface BuildFlags {
  tag?: string;
  base?: string;
  prepareOnly?: boolean;
  verify: boolean;
}

/** A build whose image does not answer like its model is a failure for scripts and CI. */
const verificationExitCode = (record: BuildRecord): number =>
  record.verification?.status === 'failed' ? 1 : 0;

export function registerContainerCommands(
  program: Command,
  withSession: WithSession,
  setExitCode: (code: number) => void,
): void {
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
    .option('--no-verify', 'skip starting the image and comparing its answers with in-process ONNX Runtime')
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
          jobResult(await follow(await call('containers.build', { id: prepared.id, verify: flags.verify }))),
        );
        output.result(record, () => renderBuilt(record));
        setExitCode(verificationExitCode(record));
      }),
    );

  container
    .command('rebuild')
    .description('Build a prepared build again (after editing its Dockerfile)')
    .argument('<id>', 'the build id (mlw container builds lists them)')
    .option('--no-verify', 'skip verifying the image against in-process ONNX Runtime')
    .action((id: string, flags: { verify: boolean }) =>
      withSession(async ({ call, follow, output }) => {
        const record = buildRecordSchema.parse(
          jobResult(await follow(await call('containers.build', { id, verify: flags.verify }))),
        );
        output.result(record, () => renderBuilt(record));
        setExitCode(verificationExitCode(record));
      }),
    );

  const verify = container
    .command('verify')
    .description(
      'Start a built image, send it requests generated from the signature or made of rows of a data set (/predict and v2 infer) and compare the answers with in-process ONNX Runtime; exits 1 when they differ',
    )
    .argument('<id>', 'the build id')
    .option('--samples <n>', 'how many requests per route', '4')
    .option('--batch <n>', 'rows per request (for a free batch dimension)', '2');
  withDatasetRowsOptions(verify).action(
    (id: string, flags: DatasetRowsFlags & { samples: string; batch: string }) =>
      withSession(async ({ call, follow, output }) => {
        const samples = numberFlag('--samples', flags.samples, true) ?? 4;
        const batch = numberFlag('--batch', flags.batch, true) ?? 2;
        const rows = datasetRowsRequest(flags);
        const record = buildRecordSchema.parse(
          jobResult(await follow(await call('containers.verify', { id, samples, batch, ...rows }))),
        );
        output.result(record, () => renderBuilt(record));
        setExitCode(verificationExitCode(record));
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
        output.result(found, () =>
          [
            renderBuilt(found.record),
            '',
            found.dockerfile,
            ...found.findings.map(
              (f) =>
                line`Dockerfile line ${String(f.range.startLine)}: ${f.severity}: ${f.message} (${f.rule})`,
            ),
          ].join('\n'),
        );
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
  registerDeploymentCommands(container, withSession);
  registerShipCommands(container, withSession);
  registerLoadTestCommands(container, withSession, setExitCode);
}

const ms = (value: number | null): string => (value === null ? 'n/a' : `${value.toFixed(1)} ms`);

const payloadText = ({ payload, bodies }: LoadTestResult): string =>
  payload.kind === 'dataset'
    ? `${bodies} bodies from rows ${payload.offset + 1}–${payload.offset + payload.rows} of ${payload.dataset}`
    : `${bodies} bodies generated from the signature`;

function renderLoadTest(result: LoadTestResult): string {
  const { latency } = result;
  return [
    line`${result.deployment}  ${result.method} ${result.path}  ${String(result.connections)} connections, ${result.durationS.toFixed(1)} s, batch ${String(result.batch)}`,
    line`  requests  ${String(result.requests)} (${result.rpsMean.toFixed(1)} req/s), ${String(result.errors)} errors, ${String(result.non2xx)} non-2xx`,
    line`  latency   p50 ${ms(latency.p50)}  p90 ${ms(latency.p90)}  p99 ${ms(latency.p99)}  max ${ms(latency.max)}`,
    line`  payload   ${payloadText(result)}${result.encoding === 'binary' ? ', binary tensors' : ''}`,
    ...(result.buildId ? [line`  saved     with build ${result.buildId} (${result.id})`] : []),
  ].join('\n');
}

function registerLoadTestCommands(
  container: Command,
  withSession: WithSession,
  setExitCode: (code: number) => void,
): void {
  const loadtest = container
    .command('loadtest')
    .description(
      'Send a running deployment requests from many connections, with bodies generated from its model signature or made of rows of a data set; prints req/s and latency percentiles and saves them with the build. Exits 1 if no request succeeded',
    )
    .argument('<name>', 'the deployment')
    .option('-c, --connections <n>', 'concurrent connections', '16')
    .option('-d, --duration <seconds>', 'how long to send requests (default 10)')
    .option('-n, --requests <n>', 'stop after this many requests instead of after a duration')
    .option('--path <path>', 'the route: /predict, /v2/models/NAME/infer, or any GET route', '/predict')
    .option('--batch <n>', 'rows per request (for a free batch dimension)', '1')
    .option(
      '--binary',
      'send and receive the tensors as raw bytes (the v2 binary tensor data extension, as KServe and Triton clients do); with --path /v2/models/NAME/infer',
    );
  withDatasetRowsOptions(loadtest).action((name: string, flags: LoadTestFlags) =>
    withSession(async ({ call, follow, output }) => {
      const durationS = numberFlag('--duration', flags.duration, false);
      const requests = numberFlag('--requests', flags.requests, true);
      const rows = datasetRowsRequest(flags);
      const result = loadTestResultSchema.parse(
        jobResult(
          await follow(
            await call('containers.loadtest', {
              name,
              path: flags.path,
              connections: numberFlag('--connections', flags.connections, true) ?? 16,
              batch: numberFlag('--batch', flags.batch, true) ?? 1,
              encoding: flags.binary ? 'binary' : 'json',
              ...(durationS === undefined ? {} : { durationS }),
              ...(requests === undefined ? {} : { requests }),
              ...rows,
            }),
          ),
        ),
      );
      output.result(result, () => renderLoadTest(result));
      if (result.ok === 0) setExitCode(1);
    }),
  );

  container
    .command('loadtests')
    .description("List a build's saved load tests, newest first, to compare builds")
    .argument('<build>', 'the build id')
    .action((buildId: string) =>
      withSession(async ({ call, output }) => {
        const results = await call('containers.listLoadtests', { buildId });
        output.result(results, () =>
          results.length === 0
            ? line`No load tests of ${buildId} yet. Run one with: mlw container loadtest DEPLOYMENT`
            : formatTable(results, [
                { header: 'STARTED', value: (r) => formatDateTime(r.startedAt) },
                { header: 'ROUTE', value: (r) => `${r.method} ${r.path}` },
                { header: 'CONN', value: (r) => String(r.connections), align: 'right' },
                { header: 'BATCH', value: (r) => String(r.batch), align: 'right' },
                {
                  header: 'PAYLOAD',
                  value: (r) =>
                    `${r.payload.kind === 'dataset' ? r.payload.dataset : 'signature'}${r.encoding === 'binary' ? ', binary' : ''}`,
                },
                { header: 'REQ/S', value: (r) => r.rpsMean.toFixed(1), align: 'right' },
                { header: 'P50', value: (r) => ms(r.latency.p50), align: 'right' },
                { header: 'P99', value: (r) => ms(r.latency.p99), align: 'right' },
                { header: 'ERRORS', value: (r) => String(r.errors + r.non2xx), align: 'right' },
              ]),
        );
      }),
    );
}

interface DatasetRowsFlags {
  dataset?: string;
  map: string[];
  offset: string;
}

interface LoadTestFlags extends DatasetRowsFlags {
  connections: string;
  duration?: string;
  requests?: string;
  path: string;
  batch: string;
  binary?: boolean;
}

/** --dataset, --map and --offset: requests made of rows of a data set instead of the signature. */
function withDatasetRowsOptions(command: Command): Command {
  return command
    .option('--dataset <slug>', 'make the requests from rows of this data set instead of from the signature')
    .option(
      '--map <input=columns>',
      "the data set columns that fill an input, comma-separated, in order (repeat per input); default: the columns named like the inputs, or every numeric column for a model's only input",
      collectValues,
      [],
    )
    .option('--offset <n>', 'data set rows to skip before the first one read', '0');
}

function datasetRowsRequest(flags: DatasetRowsFlags): {
  dataset?: string;
  mapping?: Record<string, string[]>;
  offset?: number;
} {
  const offset = numberFlag('--offset', flags.offset, true) ?? 0;
  if (!flags.dataset) {
    if (flags.map.length > 0 || offset > 0)
      throw new WorkbenchError({
        code: 'INVALID_INPUT',
        message: '--map and --offset choose rows of a data set: give it with --dataset SLUG.',
      });
    return {};
  }
  return {
    dataset: flags.dataset,
    offset,
    ...(flags.map.length > 0 ? { mapping: mappingFlags(flags.map) } : {}),
  };
}

/** --map input=colA,colB, once per input. */
function mappingFlags(pairs: string[]): Record<string, string[]> {
  const mapping: Record<string, string[]> = {};
  for (const pair of pairs) {
    const match = /^([^=]+)=(.+)$/.exec(pair);
    const columns =
      match?.[2]
        ?.split(',')
        .map((column) => column.trim())
        .filter(Boolean) ?? [];
    if (!match?.[1] || columns.length === 0)
      throw new WorkbenchError({
        code: 'INVALID_INPUT',
        message: `--map takes INPUT=COLUMN[,COLUMN…], not "${pair}".`,
      });
    mapping[match[1].trim()] = columns;
  }
  return mapping;
}

interface RunFlags {
  name?: string;
  port?: string;
  env: string[];
  memory?: string;
  cpus?: string;
  capture?: string | boolean;
  auth?: boolean;
  readyTimeout?: string;
  healthInterval?: string;
}

const collectValues = (value: string, previous: string[]): string[] => [...previous, value];

function numberFlag(flag: string, text: string | undefined, integer: boolean): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value)))
    throw new WorkbenchError({
      code: 'INVALID_INPUT',
      message: `${flag} must be ${integer ? 'a whole number' : 'a number'}, not "${text}".`,
    });
  return value;
}

function envFlags(pairs: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0)
      throw new WorkbenchError({ code: 'INVALID_INPUT', message: `--env takes NAME=VALUE, not "${pair}".` });
    env[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return env;
}

/** Whose a deployment is, for the table: this workspace, another's folder, or nobody's known. */
function workspaceCell(deployment: Deployment): string {
  const { workspace } = deployment;
  if (!workspace) return 'unknown workspace';
  return workspace.current ? 'this workspace' : workspace.path || workspace.id;
}

function renderDeployment(deployment: Deployment): string {
  const model = deployment.model ? `${deployment.model.name}@${deployment.model.version}` : deployment.image;
  const health = deployment.health === 'none' ? '' : `, ${deployment.health}`;
  return [
    line`${deployment.name}  ${deployment.state}${health}  ${deployment.url}`,
    line`  model    ${model} (image ${deployment.image})`,
    ...(deployment.capture
      ? [
          line`  capture  ${deployment.capture.folder}/, ${String(deployment.capture.sampleRate * 100)} % of requests`,
        ]
      : []),
    ...(deployment.auth ? ['  auth     requests need Authorization: Bearer <key>'] : []),
  ].join('\n');
}

function registerDeploymentCommands(container: Command, withSession: WithSession): void {
  container
    .command('run')
    .description('Start a model server container on 127.0.0.1 and wait until it is ready')
    .argument('<build>', 'a build id (mlw container builds) or an image on the engine')
    .option('--name <name>', 'the deployment (and container) name (default: <model>-<random>)')
    .option('-p, --port <port>', 'the port on 127.0.0.1 (default: a free one)')
    .option(
      '-e, --env <NAME=VALUE>',
      'an environment variable for the server (repeatable)',
      collectValues,
      [],
    )
    .option('--memory <MB>', 'a memory limit in megabytes')
    .option('--cpus <n>', 'a CPU limit, e.g. 1.5')
    .option(
      '--capture [rate]',
      'capture requests and predictions into captures/<name>/ (rate 0..1, default 1)',
    )
    .option('--auth', 'require an API key, printed once')
    .option('--ready-timeout <ms>', 'how long to wait for /ready', '30000')
    .option('--health-interval <s>', "how often the image's health check asks /health (default 10)")
    .action((build: string, flags: RunFlags) =>
      withSession(async ({ call, output }) => {
        const rate = flags.capture === true ? 1 : numberFlag('--capture', flags.capture || undefined, false);
        const port = numberFlag('--port', flags.port, true);
        const memoryMb = numberFlag('--memory', flags.memory, true);
        const cpus = numberFlag('--cpus', flags.cpus, false);
        const readyTimeoutMs = numberFlag('--ready-timeout', flags.readyTimeout, true);
        const healthcheckIntervalS = numberFlag('--health-interval', flags.healthInterval, true);
        const env = envFlags(flags.env);
        const started = await call('containers.run', {
          build,
          ...(flags.name ? { name: flags.name } : {}),
          ...(port === undefined ? {} : { port }),
          ...(Object.keys(env).length > 0 ? { env } : {}),
          ...(memoryMb === undefined ? {} : { memoryMb }),
          ...(cpus === undefined ? {} : { cpus }),
          ...(rate === undefined ? {} : { capture: { sampleRate: rate } }),
          ...(flags.auth ? { auth: true } : {}),
          ...(readyTimeoutMs === undefined ? {} : { readyTimeoutMs }),
          ...(healthcheckIntervalS === undefined ? {} : { healthcheckIntervalS }),
        });
        output.result(started, () =>
          [
            renderDeployment(started.deployment),
            ...(started.apiKey ? [line`  api key  ${started.apiKey}  (shown once; keep it private)`] : []),
            line`Try it: curl ${started.deployment.url}/metadata`,
          ].join('\n'),
        );
      }),
    );

  container
    .command('ps')
    .description('List the model server containers this workspace started')
    .option(
      '--all-workspaces',
      'every workbench deployment on the engine, each with the workspace it belongs to',
    )
    .action((flags: { allWorkspaces?: boolean }) =>
      withSession(async ({ call, output }) => {
        const allWorkspaces = flags.allWorkspaces === true;
        const list = await call('containers.ps', { all: true, allWorkspaces });
        output.result(list, () =>
          list.length === 0
            ? allWorkspaces
              ? 'No deployments on this engine. Start one with: mlw container run BUILD'
              : 'No deployments in this workspace. Start one with: mlw container run BUILD\n(mlw container ps --all-workspaces lists those of other workspaces.)'
            : formatTable(list, [
                { header: 'NAME', value: (d) => d.name },
                { header: 'MODEL', value: (d) => (d.model ? `${d.model.name}@${d.model.version}` : d.image) },
                {
                  header: 'STATE',
                  value: (d) => (d.health === 'none' ? d.state : `${d.state} (${d.health})`),
                },
                { header: 'URL', value: (d) => d.url },
                {
                  header: 'CAPTURE',
                  value: (d) => (d.capture ? `${String(d.capture.sampleRate * 100)} %` : ''),
                },
                { header: 'CREATED', value: (d) => formatDateTime(d.createdAt) },
                ...(allWorkspaces
                  ? [{ header: 'WORKSPACE', value: workspaceCell, cut: 'start' as const }]
                  : []),
              ]),
        );
      }),
    );

  container
    .command('logs')
    .description("Print the last lines of a deployment's log")
    .argument('<name>', 'the deployment')
    .option('-n, --tail <lines>', 'how many lines', '200')
    .action((name: string, flags: { tail: string }) =>
      withSession(async ({ call, output }) => {
        const tail = numberFlag('--tail', flags.tail, true) ?? 200;
        const { lines } = await call('containers.logs', { name, tail });
        output.result(lines, () => lines.map((entry) => line`${entry.text}`).join('\n'));
      }),
    );

  container
    .command('exec')
    .description('Run a command inside a running deployment')
    .argument('<name>', 'the deployment')
    .argument('<command...>', 'the command and its arguments (put -- before options meant for it)')
    .action((name: string, command: string[]) =>
      withSession(async ({ call, output }) => {
        const result = await call('containers.exec', { name, command });
        output.result(result, () => line`${result.output}`);
      }),
    );

  container
    .command('try')
    .description('Send one request to a deployment, with its API key if it has one')
    .argument('<name>', 'the deployment')
    .argument('[path]', 'the path, e.g. /predict or /v2/models/NAME/infer', '/metadata')
    .option('-d, --data <json>', 'a JSON body to POST (@FILE reads it from a file)')
    .action((name: string, path: string, flags: { data?: string }) =>
      withSession(async ({ call, output }) => {
        const body = flags.data?.startsWith('@') ? await readFile(flags.data.slice(1), 'utf8') : flags.data;
        const answer = await call('containers.try', {
          name,
          method: body === undefined ? 'GET' : 'POST',
          path,
          ...(body === undefined ? {} : { body }),
        });
        output.result(answer, () =>
          [line`HTTP ${String(answer.status)} in ${answer.ms.toFixed(1)} ms`, line`${answer.body}`].join(
            '\n',
          ),
        );
      }),
    );

  for (const [verb, procedure, description] of [
    ['stop', 'containers.stop', 'Stop a deployment (SIGTERM, then SIGKILL after 10 s)'],
    ['rm', 'containers.remove', 'Remove a deployment container, stopping it first; its captures stay'],
  ] as const)
    container
      .command(verb)
      .description(description)
      .argument('<name>', 'the deployment')
      .action((name: string) =>
        withSession(async ({ call, output }) => {
          const result = await call(procedure, { name });
          output.result(result, () => (verb === 'stop' ? line`Stopped ${name}.` : line`Removed ${name}.`));
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
  if (record.verification) {
    const { verification } = record;
    lines.push(line`  verify   ${verification.status}: ${verification.message}`);
    for (const route of verification.routes)
      lines.push(
        line`           ${route.route}: ${String(route.requests)} requests, max abs error ${route.maxAbsError === null ? 'n/a' : String(route.maxAbsError)}${route.failure ? `, ${route.failure}` : ''}`,
      );
    if (verification.readyMs > 0)
      lines.push(line`           ready ${String(Math.round(verification.readyMs))} ms after start`);
  }
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
