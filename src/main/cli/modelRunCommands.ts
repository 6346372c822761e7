import { mkdir } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { WorkbenchError } from '../../shared/contract/errors.js';
import {
  benchResultSchema,
  diffResultSchema,
  type BenchResult,
  type DiffResult,
  type SavedBenchmarks,
} from '../../shared/contract/modelLab.js';
import { executionProviders } from '../../shared/contract/executionProviders.js';
import { graphOptimizationLevels } from '../../shared/contract/graphOptimization.js';
import type { ModelRef } from '../../shared/contract/modelRegistry.js';
import { tensorTypes, type TensorType, type TensorValue } from '../../shared/tensors/tensors.js';
import { decodeTensor, encodeTensor } from '../../shared/tensors/base64Tensor.js';
import { parseModelRef } from '../../shared/models/modelRef.js';
import { npyFileName } from '../../shared/tensors/npy.js';
import { tensorStats } from '../../shared/tensors/tensorStats.js';
import {
  readNpy,
  readNpz,
  readTensorFile,
  tensorFromJson,
  writeNpy,
} from '../services/models/tensors/index.js';
import { formatTable } from './formatTable.js';
import { line } from './terminalText.js';
import { modelGroup } from './modelCommands.js';
import { jobResult } from './jobResult.js';
import type { CliSession } from './session.js';

type WithSession = (work: (session: CliSession) => Promise<void>) => Promise<void>;

const usage = (message: string, hint?: string) =>
  new WorkbenchError({ code: 'INVALID_INPUT', message, ...(hint ? { hint } : {}) });

export const collect = (value: string, previous: string[] = []) => [...previous, value];

function intList(text: string, option: string): number[] {
  const values = text.split(',').map((part) => Number(part.trim()));
  if (values.length === 0 || values.some((v) => !Number.isInteger(v) || v < 1))
    throw usage(
      `${option} takes whole numbers from 1 separated by commas, not "${text}".`,
      `e.g. ${option} 1,8`,
    );
  return values;
}

function positive(text: string | undefined, option: string, min = 1): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min)
    throw usage(`${option} takes a whole number of at least ${min}, not "${text}".`);
  return value;
}

function oneOf<T extends string>(
  text: string | undefined,
  choices: readonly T[],
  option: string,
): T | undefined {
  if (text === undefined) return undefined;
  const found = choices.find((choice) => choice === text);
  if (found === undefined) throw usage(`${option} must be one of ${choices.join(', ')}, not "${text}".`);
  return found;
}

/** ONNX Runtime session options, the same for run and bench. */
interface SessionFlags {
  ep?: string;
  optimization?: string;
}

function sessionFlags(command: Command): Command {
  return command
    .option(
      '--ep <provider>',
      `execution provider (${executionProviders.join(', ')}; see \`mlw model providers\`)`,
    )
    .option('--optimization <level>', `graph optimization level (${graphOptimizationLevels.join(', ')})`);
}

function sessionSettings(flags: SessionFlags) {
  const executionProvider = oneOf(flags.ep, executionProviders, '--ep');
  const graphOptimization = oneOf(flags.optimization, graphOptimizationLevels, '--optimization');
  return {
    ...(executionProvider ? { executionProvider } : {}),
    ...(graphOptimization ? { graphOptimization } : {}),
  };
}

export function dimSizes(pairs: string[] = []): Record<string, number> {
  const dims: Record<string, number> = {};
  for (const pair of pairs) {
    const match = /^([^=]+)=(\d+)$/.exec(pair);
    if (!match?.[1] || match[2] === undefined)
      throw usage(`--dim takes NAME=SIZE, not "${pair}".`, 'e.g. --dim sequence=128');
    dims[match[1]] = Number(match[2]);
  }
  return dims;
}

async function readInputs(
  inputs: string[],
  npz: string | undefined,
  type: TensorType | undefined,
): Promise<Record<string, TensorValue>> {
  const feeds: Record<string, TensorValue> = npz ? await readNpz(resolve(npz)) : {};
  for (const spec of inputs) {
    const at = spec.indexOf('=');
    if (at <= 0)
      throw usage(
        `--input takes NAME=FILE, not "${spec}".`,
        'e.g. --input image=cat.npy or --input x=x.json',
      );
    const name = spec.slice(0, at);
    const file = resolve(spec.slice(at + 1));
    if (extname(file).toLowerCase() === '.json') {
      const text = (await readTensorFile(file)).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw usage(`${spec.slice(at + 1)} is not JSON: ${(error as Error).message}.`);
      }
      feeds[name] = tensorFromJson(json, spec.slice(at + 1), type);
    } else feeds[name] = await readNpy(file);
  }
  return feeds;
}

/** What `mlw model run` prints for each output. */
export interface OutputSummary {
  dtype: TensorType;
  shape: number[];
  min: number | null;
  max: number | null;
  mean: number | null;
  nanCount: number;
  file: string;
}

export function summarize(tensor: TensorValue, file: string): OutputSummary {
  return { dtype: tensor.type, shape: tensor.dims, file, ...tensorStats(tensor) };
}

/** Rows of strings under headers; columns from `rightFrom` on are right-aligned (numbers). */
function table(headers: string[], rows: string[][], rightFrom: number): string {
  return formatTable(
    rows,
    headers.map((header, i) => ({
      header,
      value: (row: string[]) => row[i] ?? '',
      align: i >= rightFrom ? ('right' as const) : ('left' as const),
      maxWidth: 100,
    })),
  );
}

const ms = (value: number) => `${value.toFixed(3)} ms`;

/** One row per cell of every saved run, so versions line up by batch and threads. */
export function renderSavedBenchmarks({ benchmarks, skipped }: SavedBenchmarks): string {
  if (benchmarks.length === 0 && skipped.length === 0)
    return 'No saved benchmarks. Run `mlw model bench NAME@VERSION` to make one.';
  const rows = benchmarks.flatMap(({ version, result }) =>
    result.cells.map((cell) => [
      `v${version}`,
      result.createdAt.slice(0, 16).replace('T', ' '),
      `${result.settings.executionProvider}/${result.settings.graphOptimization}`,
      String(cell.batch),
      String(cell.intraOpThreads),
      cell.latencyMs ? ms(cell.latencyMs.p50) : cell.status,
      cell.latencyMs ? ms(cell.latencyMs.p99) : '',
      cell.itemsPerSecond === null ? '' : cell.itemsPerSecond.toFixed(1),
    ]),
  );
  return [
    table(['version', 'saved (UTC)', 'provider', 'batch', 'threads', 'p50', 'p99', 'items/s'], rows, 3),
    ...skipped.map((s) => `skipped ${s.file}: ${s.reason}`),
  ].join('\n');
}

export function renderBench(result: BenchResult): string {
  const rows = result.cells.map((cell) =>
    cell.status === 'ok' && cell.latencyMs
      ? [
          String(cell.batch),
          String(cell.intraOpThreads),
          ms(cell.latencyMs.p50),
          ms(cell.latencyMs.p90),
          ms(cell.latencyMs.p99),
          ms(cell.latencyMs.mean),
          ms(cell.latencyMs.std),
          (cell.itemsPerSecond ?? 0).toFixed(1),
        ]
      : [String(cell.batch), String(cell.intraOpThreads), cell.status, '', '', '', '', ''],
  );
  const { machine, settings } = result;
  return [
    line`${result.model.ref} (sha256 ${result.model.sha256.slice(0, 12)}, ${result.model.sizeBytes} bytes)`,
    line`inputs: ${result.inputs.map((i) => `${i.name} ${i.type} [${i.dims.join(', ')}]`).join(', ')}`,
    `${settings.runs} runs after ${settings.warmup} warm-up runs per cell on ${settings.executionProvider}, graph optimization ${settings.graphOptimization}, timed inside the model worker`,
    '',
    table(['batch', 'threads', 'p50', 'p90', 'p99', 'mean', 'std', 'items/s'], rows, 0),
    // Why cells were skipped or failed, once per distinct reason, under the table.
    ...[
      ...new Set(
        result.cells
          .filter((cell) => cell.status !== 'ok')
          .map((cell) => line`${cell.status} (batch ${cell.batch}): ${cell.reason ?? ''}`),
      ),
    ],
    '',
    `ONNX Runtime ${machine.ortVersion} on ${machine.cpuCount} × ${machine.cpuModel} (${machine.platform}), ${result.createdAt}`,
    ...(result.savedTo ? [line`saved to ${result.savedTo}`] : []),
  ].join('\n');
}

export function renderDiff(result: DiffResult): string {
  const shape = (side: DiffResult['signature']['inputs'][number]['a']) =>
    side ? `${side.type ?? '?'} [${(side.shape ?? []).map((d) => d ?? '?').join(', ')}]` : '(absent)';
  const lines = [
    `A: ${result.a.ref}  (${result.a.sizeBytes} bytes)`,
    `B: ${result.b.ref}  (${result.b.sizeBytes} bytes)`,
    '',
  ];
  lines.push(result.signature.same ? 'Signature: the same' : 'Signature: differs');
  for (const entry of [...result.signature.inputs, ...result.signature.outputs].filter((e) => !e.same))
    lines.push(`  ${entry.name}: ${shape(entry.a)} → ${shape(entry.b)}`);
  for (const o of result.opsets.filter((o) => o.a !== o.b))
    lines.push(`Opset ${o.domain}: ${o.a ?? '-'} → ${o.b ?? '-'}`);
  lines.push(`Nodes: ${result.nodes.a} → ${result.nodes.b}`);
  for (const op of result.operators) lines.push(`  ${op.opType}: ${op.a} → ${op.b}`);
  const { initializers: init } = result.size;
  lines.push(
    `Initializers: ${init.a.count} → ${init.b.count}, ${init.a.parameters} → ${init.b.parameters} parameters, ${init.a.bytes} → ${init.b.bytes} bytes`,
  );
  for (const t of result.size.added) lines.push(`  + ${t.name} ${t.type} [${t.shape.join(', ')}]`);
  for (const t of result.size.removed) lines.push(`  - ${t.name} ${t.type} [${t.shape.join(', ')}]`);
  for (const c of result.size.changedShape)
    lines.push(`  ~ ${c.name} [${c.a.shape.join(', ')}] → [${c.b.shape.join(', ')}]`);
  const bench = (b: BenchResult | null) => {
    const cell = b?.cells.find((c) => c.status === 'ok');
    return cell?.latencyMs
      ? `p50 ${ms(cell.latencyMs.p50)} (batch ${cell.batch}, ${cell.intraOpThreads} threads, ${b?.createdAt})`
      : 'none saved';
  };
  lines.push(`Benchmarks: A ${bench(result.benchmarks.a)}; B ${bench(result.benchmarks.b)}`);
  const { agreement } = result;
  if (!agreement.compared) lines.push(`Outputs: not compared. ${agreement.reason ?? ''}`);
  else {
    lines.push(`Outputs on ${agreement.samples} generated input sets:`);
    lines.push(
      table(
        ['output', 'max abs error', 'max rel error', 'NaN mismatches', 'same label'],
        agreement.outputs.map((o) => [
          o.name,
          o.maxAbsError === null ? '-' : o.maxAbsError.toPrecision(3),
          o.maxRelError === null ? '-' : o.maxRelError.toPrecision(3),
          String(o.nanMismatches),
          o.labelAgreement === null ? '-' : `${(o.labelAgreement * 100).toFixed(1)} %`,
        ]),
        1,
      ),
    );
  }
  return lines.join('\n');
}

/**
 * A benchmark with no cell that ran measured nothing: it exits 1 (and says so on stderr, after the
 * table or JSON, which still carry every cell's reason). Some failed cells are named as a warning.
 */
export function benchOutcome(result: BenchResult): { code: number; message: string | null } {
  const ok = result.cells.filter((cell) => cell.status === 'ok').length;
  const notOk = result.cells.length - ok;
  if (notOk === 0) return { code: 0, message: null };
  const failed = result.cells.filter((cell) => cell.status === 'failed').length;
  const counts = `${failed} failed, ${notOk - failed} skipped`;
  return ok === 0
    ? {
        code: 1,
        message: `mlw: no cell of the benchmark ran (${counts} of ${result.cells.length}); see the reasons above.\n`,
      }
    : {
        code: 0,
        message: `mlw: warning: ${notOk} of ${result.cells.length} cells did not run (${counts}); see the reasons above.\n`,
      };
}

export function registerModelRunCommands(
  program: Command,
  withSession: WithSession,
  setExitCode: (code: number) => void,
): void {
  const model = modelGroup(program);

  model
    .command('providers')
    .description("The execution providers this machine's ONNX Runtime build offers, and what each needs")
    .action(() =>
      withSession(async ({ call, output }) => {
        const providers = await call('models.providers', {});
        output.result(providers, () =>
          table(
            ['PROVIDER', 'BUNDLED', 'NEEDS'],
            providers.map((p) => [p.name, p.bundled ? 'yes' : 'no', p.note]),
            3,
          ),
        );
      }),
    );

  sessionFlags(
    model
      .command('run')
      .description('Run a model once on inputs from .npy, .npz or .json files; write each output as .npy')
      .argument('<model>', 'name, name@version, or a path to an .onnx file')
      .option('--input <name=file>', 'an input from a .npy or .json file (repeatable)', collect, [])
      .option('--npz <file>', 'inputs from an .npz archive, by array name')
      .option(
        '--type <type>',
        `element type of JSON inputs written as nested arrays (${tensorTypes.join(', ')})`,
      )
      .requiredOption('--out <dir>', 'the folder for the outputs (<output name>.npy)')
      .option('--intra-threads <n>', 'threads inside one operator (ONNX Runtime picks when left out)')
      .option(
        '--inter-threads <n>',
        'threads running independent branches at once (turns on parallel execution)',
      ),
  ).action(
    (
      text: string,
      flags: SessionFlags & {
        input: string[];
        npz?: string;
        type?: string;
        out: string;
        intraThreads?: string;
        interThreads?: string;
      },
    ) =>
      withSession(async ({ call, output }) => {
        const feeds = await readInputs(flags.input, flags.npz, oneOf(flags.type, tensorTypes, '--type'));
        const ref: ModelRef = parseModelRef(text);
        const intraOpThreads = positive(flags.intraThreads, '--intra-threads');
        const interOpThreads = positive(flags.interThreads, '--inter-threads');
        const result = await call('models.run', {
          model: ref,
          settings: {
            ...sessionSettings(flags),
            ...(intraOpThreads ? { intraOpThreads } : {}),
            ...(interOpThreads ? { interOpThreads } : {}),
          },
          feeds: Object.fromEntries(Object.entries(feeds).map(([name, t]) => [name, encodeTensor(t)])),
        });
        const dir = resolve(flags.out);
        await mkdir(dir, { recursive: true });
        const outputs: Record<string, OutputSummary> = {};
        for (const [name, wire] of Object.entries(result.outputs)) {
          const tensor = decodeTensor(wire);
          const file = join(dir, npyFileName(name));
          await writeNpy(file, tensor);
          outputs[name] = summarize(tensor, file);
        }
        // The summary is JSON whatever the mode: scripts read it, and a table adds nothing.
        output.io.out(`${JSON.stringify({ model: text, outputs, runMs: result.runMs }, null, 2)}\n`);
      }),
  );

  sessionFlags(
    model
      .command('bench')
      .description('Time a model over batch sizes × thread counts, each run timed inside the model worker'),
  )
    .argument('<model>', 'name, name@version, or a path to an .onnx file')
    .option('--batch <list>', 'batch sizes, comma-separated (a leading free dimension takes each)', '1')
    .option('--threads <list>', 'intra-op thread counts, comma-separated', '1')
    .option('--runs <n>', 'timed runs per cell', '100')
    .option('--warmup <n>', 'untimed runs before each cell', '10')
    .option('--dim <name=size>', 'the size of a named symbolic dimension (repeatable)', collect, [])
    .option('--zeros', 'feed zeros instead of seeded random values')
    .option('--no-save', 'do not keep the result beside a registry version')
    .action(
      (
        text: string,
        flags: SessionFlags & {
          batch: string;
          threads: string;
          runs: string;
          warmup: string;
          dim: string[];
          zeros?: boolean;
          save: boolean;
        },
      ) =>
        withSession(async ({ call, follow, output }) => {
          const job = await call('models.bench', {
            model: parseModelRef(text),
            batches: intList(flags.batch, '--batch'),
            threads: intList(flags.threads, '--threads'),
            runs: positive(flags.runs, '--runs') ?? 100,
            warmup: positive(flags.warmup, '--warmup', 0) ?? 10,
            dims: dimSizes(flags.dim),
            fill: flags.zeros ? 'zeros' : 'random',
            save: flags.save,
            ...sessionSettings(flags),
          });
          const result = benchResultSchema.parse(jobResult(await follow(job)));
          output.result(result, () => renderBench(result));
          const outcome = benchOutcome(result);
          if (outcome.message) output.io.err(outcome.message);
          if (outcome.code !== 0) setExitCode(outcome.code);
        }),
    );

  model
    .command('benchmarks')
    .description("List the benchmarks saved beside a registered model's versions, newest first")
    .argument('<ref>', 'name (every version) or name@version')
    .action((text: string) =>
      withSession(async ({ call, output }) => {
        const ref = parseModelRef(text);
        if (ref.kind !== 'registry')
          throw usage(
            `${text} is a file: only registered models keep benchmarks.`,
            'Add it with `mlw model add`, then benchmark it with `mlw model bench NAME`.',
          );
        const saved = await call('models.benchmarks', {
          name: ref.name,
          ...(ref.version ? { version: ref.version } : {}),
        });
        output.result(saved, () => renderSavedBenchmarks(saved));
      }),
    );

  model
    .command('diff')
    .description('Compare two models: signature, operators, weights, benchmarks and output agreement')
    .argument('<a>', 'name, name@version, or a path to an .onnx file')
    .argument('<b>', 'name, name@version, or a path to an .onnx file')
    .option('--samples <n>', 'generated input sets both models run', '16')
    .option('--batch <n>', 'batch size of each generated input set', '1')
    .option('--dim <name=size>', 'the size of a named symbolic dimension (repeatable)', collect, [])
    .option('--seed <n>', 'seed of the generated inputs', '1')
    .action((a: string, b: string, flags: { samples: string; batch: string; dim: string[]; seed: string }) =>
      withSession(async ({ call, follow, output }) => {
        const job = await call('models.diff', {
          a: parseModelRef(a),
          b: parseModelRef(b),
          samples: positive(flags.samples, '--samples') ?? 16,
          batch: positive(flags.batch, '--batch') ?? 1,
          dims: dimSizes(flags.dim),
          seed: positive(flags.seed, '--seed', 0) ?? 1,
        });
        const result = diffResultSchema.parse(jobResult(await follow(job)));
        output.result(result, () => renderDiff(result));
      }),
    );
}
