import { copyFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  conversionReportSchema,
  type ConversionReport,
  type ConversionRequestInput,
  type OnnxTransform,
} from '../../shared/contract/conversion.js';
import { WorkbenchError } from '../../shared/contract/errors.js';
import { modelAddResultSchema } from '../../shared/contract/modelRegistry.js';
import { formatBytes } from '../../shared/format/numbers.js';
import { parseModelRef } from '../../shared/models/modelRef.js';
import { formatTable } from './formatTable.js';
import { jobResult } from './jobResult.js';
import type { CliSession } from './session.js';
import { line, terminalText } from './terminalText.js';

/** The exit code of `mlw convert` when the result's parity test failed (errors exit 1 or 2). */
export const PARITY_EXIT_CODE = 3;

type WithSession = (work: (session: CliSession) => Promise<void>) => Promise<void>;

interface ConvertFlags {
  from?: string;
  to?: string;
  out?: string;
  register?: string;
  description?: string;
  force?: boolean;
  python?: string;
  opset?: string;
  inputShape: string[];
  inputType: string[];
  inputNames?: string;
  outputNames?: string;
  dynamicBatch?: boolean;
  dynamicAxes?: string;
  code?: string;
  className?: string;
  initArgs?: string;
  converter?: string;
  nFeatures?: string;
  parityData?: string;
  parityBatch?: string;
  rtol?: string;
  atol?: string;
  minLabelAgreement?: string;
  latencyRuns?: string;
  seed?: string;
  keepIoTypes: boolean;
  weightType?: string;
  perChannel?: boolean;
  minElements?: string;
  producerName?: string;
  docString?: string;
  property: string[];
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerConvertCommands(
  program: Command,
  withSession: WithSession,
  setExitCode: (code: number) => void,
): void {
  const convert = program
    .command('convert')
    .description('Convert a model to ONNX (or an ONNX model to float16, int8 or new metadata) and prove it')
    .argument(
      '[source]',
      'a model file (.pt, .pkl, .joblib, .tflite, SavedModel folder, .onnx) or NAME[@VERSION]',
    )
    .option('--from <framework>', 'torch, sklearn, tensorflow, tflite or onnx (default: from the file name)')
    .option('--to <format>', 'for an ONNX source: float16, int8 or metadata')
    .option('--out <file>', 'also write the converted model to this file')
    .option(
      '--register <name>',
      'register the result as the next version of NAME (only if its parity passed)',
    )
    .option('--description <text>', 'the registered version’s description')
    .option('--force', 'register even when the parity test fails (the card records it)')
    .option('--python <path>', 'the Python to convert with (default: the first found with the framework)')
    .option('--opset <n>', 'the ONNX opset to export')
    .option('--input-shape <dims>', 'an example input shape, e.g. 1,3,224,224 (once per input)', collect, [])
    .option(
      '--input-type <dtype>',
      'the example input’s type (float32 default; once per input or once)',
      collect,
      [],
    )
    .option('--input-names <names>', 'names of the ONNX inputs, comma-separated')
    .option('--output-names <names>', 'names of the ONNX outputs, comma-separated')
    .option('--dynamic-batch', 'make the batch axis of every input and output dynamic')
    .option('--dynamic-axes <json>', 'further dynamic axes, e.g. {"tokens":{"1":"sequence"}}')
    .option(
      '--code <file.py>',
      'the model’s Python code (an nn.Module checkpoint, a pickle of custom classes)',
    )
    .option('--class-name <name>', 'the nn.Module class in --code to load a state_dict into')
    .option('--init-args <json>', 'keyword arguments for the class, as JSON')
    .option('--converter <name>', 'scikit-learn: auto, skl2onnx or mlw (the workbench’s own)')
    .option('--n-features <n>', 'scikit-learn: features per row, when the estimator does not record it')
    .option(
      '--parity-data <file.npy>',
      'scikit-learn: rows [N, features] to test parity on (random rows otherwise)',
    )
    .option('--parity-batch <n>', 'the batch of the second parity set when the batch is dynamic (default 7)')
    .option('--rtol <x>', 'parity: relative tolerance')
    .option('--atol <x>', 'parity: absolute tolerance')
    .option('--min-label-agreement <x>', 'parity: the least share of equal labels (default 1)')
    .option('--latency-runs <n>', 'timed runs before and after (default 20; 0 skips timing)')
    .option('--seed <n>', 'seed of the random parity inputs')
    .option('--no-keep-io-types', 'float16: make the inputs and outputs float16 too')
    .option('--weight-type <type>', 'int8: int8 or uint8 weights')
    .option('--per-channel', 'int8: one scale per output channel')
    .option('--min-elements <n>', 'int8: leave weights smaller than this in float32')
    .option('--producer-name <name>', 'metadata: the producer name')
    .option('--doc-string <text>', 'metadata: the model’s doc string')
    .option('--property <key=value>', 'metadata: set a property (key= removes it)', collect, [])
    .action((source: string | undefined, flags: ConvertFlags) =>
      withSession(async ({ call, follow, output }) => {
        if (!source)
          throw invalid(
            'mlw convert needs the model to convert.',
            'mlw convert model.pt --input-shape 1,3,224,224 --out model.onnx (mlw convert --help lists the options).',
          );
        const job = await follow(await call('conversion.run', requestFrom(source, flags)));
        const report = conversionReportSchema.parse(jobResult(job));
        if (flags.out) {
          const { workspace } = await call('system.info', {});
          await copyFile(resolve(workspace, report.output.path), resolve(flags.out));
        }
        output.result(report, () => renderReport(report, flags.out));
        if (!report.parity.pass) setExitCode(PARITY_EXIT_CODE);
      }),
    );

  convert
    .command('list')
    .description('List the saved conversions')
    .action(() =>
      withSession(async ({ call, output }) => {
        const conversions = await call('conversion.list', {});
        output.result(conversions, () =>
          conversions.length === 0
            ? 'No conversions yet. Make one with: mlw convert MODEL --out model.onnx'
            : formatTable(conversions, [
                { header: 'CONVERSION', value: (c) => c.id, maxWidth: 60 },
                { header: 'FROM', value: (c) => `${c.from}${c.to ? ` → ${c.to}` : ''}` },
                { header: 'SOURCE', value: (c) => c.sourceName, maxWidth: 40 },
                { header: 'PARITY', value: (c) => (c.pass ? 'passed' : 'FAILED') },
                {
                  header: 'REGISTERED',
                  value: (c) => (c.registered ? `${c.registered.name}@${c.registered.version}` : ''),
                },
              ]),
        );
      }),
    );

  convert
    .command('show')
    .description('Show a saved conversion: its proof, sizes, latency and provenance')
    .argument('<conversion>', 'the conversion, as `mlw convert list` prints it')
    .action((id: string) =>
      withSession(async ({ call, output }) => {
        const report = await call('conversion.get', { id });
        output.result(report, () => renderReport(report));
      }),
    );

  convert
    .command('log')
    .description('Print the converter’s raw output of a saved conversion')
    .argument('<conversion>', 'the conversion, as `mlw convert list` prints it')
    .action((id: string) =>
      withSession(async ({ call, output }) => {
        const { log } = await call('conversion.log', { id });
        output.result({ log }, () => terminalText(log) || '(the converter printed nothing)');
      }),
    );

  convert
    .command('register')
    .description('Register a saved conversion’s model as the next version of a name')
    .argument('<conversion>', 'the conversion, as `mlw convert list` prints it')
    .requiredOption('--name <name>', 'the registry name')
    .option('--description <text>', 'the version’s description')
    .option('--force', 'register even though its parity test failed')
    .action((id: string, own: { name: string; description?: string; force?: boolean }) =>
      withSession(async ({ call, follow, output }) => {
        // `mlw convert` has its own --force and --description, which commander gives the parent.
        const parent = convert.opts<Pick<ConvertFlags, 'force' | 'description'>>();
        const flags = {
          ...own,
          force: own.force ?? parent.force,
          description: own.description ?? parent.description,
        };
        const job = await follow(
          await call('conversion.register', {
            id,
            name: flags.name,
            force: flags.force ?? false,
            ...(flags.description ? { description: flags.description } : {}),
          }),
        );
        const added = modelAddResultSchema.parse(jobResult(job));
        output.result(added, () => line`Registered ${added.name}@${added.version} (${added.path})`);
      }),
    );

  convert
    .command('remove')
    .description('Move a saved conversion to the workspace’s trash')
    .argument('<conversion>', 'the conversion, as `mlw convert list` prints it')
    .action((id: string) =>
      withSession(async ({ call, output }) => {
        const removed = await call('conversion.remove', { id });
        output.result(removed, () => line`Moved ${id} to ${removed.trashedTo}`);
      }),
    );

  convert
    .command('pythons')
    .description(
      'The Pythons conversion could use, with their torch, onnx, scikit-learn, skl2onnx, tf2onnx versions',
    )
    .option('--python <path>', 'also try this Python (first)')
    .action((flags: { python?: string }) =>
      withSession(async ({ call, output }) => {
        const environments = await call(
          'conversion.environments',
          flags.python ? { python: flags.python } : {},
        );
        const packages = ['torch', 'onnx', 'sklearn', 'skl2onnx', 'tf2onnx', 'tensorflow'];
        output.result(environments, () =>
          formatTable(environments, [
            { header: 'PYTHON', value: (e) => e.command, maxWidth: 50 },
            { header: 'FROM', value: (e) => e.source },
            { header: 'VERSION', value: (e) => e.python ?? `(${e.problem ?? 'did not run'})`, maxWidth: 40 },
            ...packages.map((name) => ({
              header: name.toUpperCase(),
              value: (e: (typeof environments)[number]) => (e.packages ? (e.packages[name] ?? '-') : ''),
            })),
          ]),
        );
      }),
    );

  convert
    .command('opsets')
    .description(
      'The opset report of an ONNX model: each operator, the opset that introduced it, the lowest opset that has them all',
    )
    .argument('<model>', 'an .onnx file or NAME[@VERSION]')
    .action((model: string) =>
      withSession(async ({ call, output }) => {
        const report = await call('conversion.opsets', { model: modelRefOf(model) });
        output.result(report, () =>
          [
            `imports     ${report.opsetImports.map((o) => `${o.domain} ${o.version}`).join(', ')}`,
            `lowest      ${report.minDefaultOpset === null ? '(no default-domain operators)' : `opset ${report.minDefaultOpset} has every operator it uses`}`,
            ...(report.unknownOps.length > 0
              ? [
                  line`unknown     ${report.unknownOps.join(', ')} (not in opsets up to ${report.tableMaxOpset})`,
                ]
              : []),
            '',
            formatTable(report.ops, [
              { header: 'DOMAIN', value: (o) => o.domain },
              { header: 'OPERATOR', value: (o) => o.opType },
              { header: 'COUNT', value: (o) => String(o.count), align: 'right' },
              {
                header: 'SINCE',
                value: (o) => (o.introducedIn === null ? '?' : String(o.introducedIn)),
                align: 'right',
              },
              {
                header: 'VERSION',
                value: (o) => (o.versionUsed === null ? '?' : String(o.versionUsed)),
                align: 'right',
              },
            ]),
          ].join('\n'),
        );
      }),
    );
}

/** The framework a file name implies; an explicit --from wins. */
export function frameworkOf(source: string, from: string | undefined): ConversionRequestInput['from'] {
  const frameworks = ['torch', 'sklearn', 'tensorflow', 'tflite', 'onnx'] as const;
  if (from !== undefined) {
    const known = frameworks.find((framework) => framework === from);
    if (!known)
      throw invalid(
        `--from ${from} is not a framework the workbench converts from.`,
        `Use one of: ${frameworks.join(', ')}.`,
      );
    return known;
  }
  const extension = extname(source).toLowerCase();
  if (['.pt', '.pth', '.ckpt', '.bin'].includes(extension)) return 'torch';
  if (['.pkl', '.pickle', '.joblib'].includes(extension)) return 'sklearn';
  if (extension === '.tflite') return 'tflite';
  if (['.keras', '.h5'].includes(extension)) return 'tensorflow';
  if (extension === '.onnx' || (!extension.includes('.') && !source.includes('/'))) return 'onnx';
  throw invalid(
    `Cannot tell what framework ${source} is from its name.`,
    'Say it with --from torch, sklearn, tensorflow, tflite or onnx.',
  );
}

export function requestFrom(source: string, flags: ConvertFlags): ConversionRequestInput {
  const from = frameworkOf(source, flags.from);
  const common = {
    ...(flags.python ? { python: flags.python } : {}),
    ...(flags.opset ? { opset: integer(flags.opset, '--opset') } : {}),
    ...(flags.parityBatch ? { parityBatch: integer(flags.parityBatch, '--parity-batch') } : {}),
    ...(flags.latencyRuns ? { latencyRuns: integer(flags.latencyRuns, '--latency-runs') } : {}),
    ...(flags.seed ? { seed: integer(flags.seed, '--seed') } : {}),
    ...tolerance(flags),
    ...(flags.register
      ? {
          register: {
            name: flags.register,
            force: flags.force ?? false,
            ...(flags.description ? { description: flags.description } : {}),
          },
        }
      : {}),
  };
  const file = { kind: 'path' as const, path: source };
  if (from === 'onnx') return { from, model: modelRefOf(source), transform: transformFrom(flags), ...common };
  if (flags.to)
    throw invalid(
      `--to ${flags.to} is for an ONNX source; ${source} converts to ONNX.`,
      'Leave --to out, or convert the .onnx result with --to afterwards.',
    );
  if (from === 'torch') {
    if (flags.inputShape.length === 0)
      throw invalid(
        'Converting a PyTorch model needs an example input shape.',
        'Add --input-shape, e.g. --input-shape 1,3,224,224 (once per forward() argument).',
      );
    return {
      from,
      source: file,
      torch: {
        inputShapes: flags.inputShape.map((text) => shape(text)),
        ...(flags.inputType.length > 0 ? { inputTypes: flags.inputType as never } : {}),
        ...(flags.inputNames ? { inputNames: names(flags.inputNames) } : {}),
        ...(flags.outputNames ? { outputNames: names(flags.outputNames) } : {}),
        ...(flags.dynamicBatch ? { dynamicBatch: true } : {}),
        ...(flags.dynamicAxes ? { dynamicAxes: json(flags.dynamicAxes, '--dynamic-axes') as never } : {}),
        ...(flags.code ? { code: { kind: 'path' as const, path: flags.code } } : {}),
        ...(flags.className ? { className: flags.className } : {}),
        ...(flags.initArgs
          ? { initArgs: json(flags.initArgs, '--init-args') as Record<string, unknown> }
          : {}),
      },
      ...common,
    };
  }
  if (from === 'sklearn')
    return {
      from,
      source: file,
      sklearn: {
        ...(flags.converter ? { converter: flags.converter as 'auto' } : {}),
        ...(flags.nFeatures ? { nFeatures: integer(flags.nFeatures, '--n-features') } : {}),
        ...(flags.code ? { code: { kind: 'path' as const, path: flags.code } } : {}),
        ...(flags.parityData ? { parityData: { kind: 'path' as const, path: flags.parityData } } : {}),
      },
      ...common,
    };
  return {
    from,
    source: file,
    ...(flags.inputShape.length > 0 ? { inputShapes: flags.inputShape.map((text) => shape(text)) } : {}),
    ...common,
  };
}

function transformFrom(flags: ConvertFlags): OnnxTransform {
  if (flags.to === 'float16') return { to: 'float16', keepIoTypes: flags.keepIoTypes };
  if (flags.to === 'int8')
    return {
      to: 'int8',
      weightType: flags.weightType === 'uint8' ? 'uint8' : 'int8',
      perChannel: flags.perChannel ?? false,
      ...(flags.minElements ? { minElements: integer(flags.minElements, '--min-elements') } : {}),
    };
  if (flags.to === 'metadata') {
    const properties: Record<string, string | null> = {};
    for (const text of flags.property) {
      const at = text.indexOf('=');
      if (at < 1)
        throw invalid(
          `--property ${text} is not KEY=VALUE.`,
          'For example --property author=ada (KEY= removes it).',
        );
      properties[text.slice(0, at)] = text.slice(at + 1) || null;
    }
    return {
      to: 'metadata',
      edit: {
        ...(flags.producerName ? { producerName: flags.producerName } : {}),
        ...(flags.docString !== undefined ? { docString: flags.docString } : {}),
        ...(flags.property.length > 0 ? { properties } : {}),
      },
    };
  }
  throw invalid(
    flags.to
      ? `--to ${flags.to} is not an ONNX conversion.`
      : 'An ONNX model converts to float16, int8 or new metadata: say which with --to.',
    'Use --to float16, --to int8 or --to metadata.',
  );
}

function tolerance(flags: ConvertFlags) {
  const given = {
    ...(flags.rtol ? { rtol: decimal(flags.rtol, '--rtol') } : {}),
    ...(flags.atol ? { atol: decimal(flags.atol, '--atol') } : {}),
    ...(flags.minLabelAgreement
      ? { minLabelAgreement: decimal(flags.minLabelAgreement, '--min-label-agreement') }
      : {}),
  };
  return Object.keys(given).length > 0 ? { tolerance: given } : {};
}

function modelRefOf(text: string) {
  const ref = parseModelRef(text);
  return ref.kind === 'path' ? { kind: 'path' as const, path: resolve(ref.path) } : ref;
}

function shape(text: string): number[] {
  const dims = text.split(/[,x]/).map((part) => Number(part.trim()));
  if (dims.length === 0 || dims.some((dim) => !Number.isInteger(dim) || dim < 1))
    throw invalid(
      `--input-shape ${text} is not a shape.`,
      'Write positive sizes separated by commas, e.g. --input-shape 1,3,224,224.',
    );
  return dims;
}

function names(text: string): string[] {
  return text
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
}

function integer(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value))
    throw invalid(`${flag} ${text} is not a whole number.`, `Give ${flag} a whole number.`);
  return value;
}

function decimal(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0)
    throw invalid(`${flag} ${text} is not a non-negative number.`, `For example ${flag} 1e-4.`);
  return value;
}

function json(text: string, flag: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw invalid(`${flag} is not valid JSON.`, `For example ${flag} '{"tokens":{"1":"sequence"}}'.`);
  }
}

function invalid(message: string, hint: string): WorkbenchError {
  return new WorkbenchError({ code: 'INVALID_INPUT', message, hint });
}

function renderReport(report: ConversionReport, out?: string): string {
  const verdict = report.parity.pass ? 'parity passed' : 'PARITY FAILED';
  const { tolerance } = report.parity;
  const rows = report.parity.sets.flatMap((set) => set.outputs.map((output) => ({ set, output })));
  const latency = (ms: number | null) => (ms === null ? '-' : `${ms.toFixed(ms < 1 ? 3 : 2)} ms`);
  return [
    line`${report.id}: ${report.source.fileName} (${report.from}) → ${report.to ?? 'ONNX'}, ${verdict}`,
    line`  converter   ${report.converter.name}${report.converter.version ? ` ${report.converter.version}` : ''}; opset ${
      typeof report.opset === 'number'
        ? String(report.opset)
        : Object.entries(report.opset)
            .map(([d, v]) => `${d} ${v}`)
            .join(', ')
    }`,
    ...(Object.keys(report.libraries).length > 0
      ? [
          line`  libraries   ${Object.entries(report.libraries)
            .filter(([, v]) => v)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')}`,
        ]
      : []),
    `  size        ${formatBytes(report.source.bytes)} → ${formatBytes(report.output.bytes)}${report.source.bytes > 0 ? ` (${((100 * report.output.bytes) / report.source.bytes).toFixed(0)}%)` : ''}`,
    `  latency     ${latency(report.latency.sourceMs)} → ${latency(report.latency.convertedMs)} (batch ${report.latency.batch}, median)`,
    `  check       ${report.check.errors} errors, ${report.check.warnings} warnings`,
    `  tolerance   rtol ${tolerance.rtol}, atol ${tolerance.atol}, labels ≥ ${tolerance.minLabelAgreement}`,
    `  overhead    ${(report.timings.overheadMs / 1000).toFixed(2)} s of the workbench's own, ${(report.timings.converterMs / 1000).toFixed(2)} s converting`,
    line`  model       ${report.output.path}${out ? ` (and ${out})` : ''}`,
    ...(report.registered
      ? [line`  registered  ${report.registered.name}@${report.registered.version}`]
      : []),
    ...(report.registerRefused ? [line`  not registered: ${report.registerRefused}`] : []),
    ...report.warnings.map((warning) => line`  warning: ${warning}`),
    '',
    formatTable(rows, [
      { header: 'SET', value: (r) => r.set.label },
      { header: 'BATCH', value: (r) => String(r.set.batch), align: 'right' },
      { header: 'OUTPUT', value: (r) => r.output.name, maxWidth: 40 },
      {
        header: 'MAX ABS ERR',
        value: (r) => (r.output.labelAgreement === null ? r.output.maxAbsError.toExponential(2) : ''),
        align: 'right',
      },
      {
        header: 'MAX REL ERR',
        value: (r) => (r.output.labelAgreement === null ? r.output.maxRelError.toExponential(2) : ''),
        align: 'right',
      },
      { header: 'OUTSIDE', value: (r) => `${r.output.outside}/${r.output.elements}`, align: 'right' },
      {
        header: 'LABELS',
        value: (r) =>
          r.output.labelAgreement === null ? '' : `${(100 * r.output.labelAgreement).toFixed(1)}%`,
        align: 'right',
      },
      { header: 'PASS', value: (r) => (r.set.pass ? 'yes' : 'NO') },
    ]),
  ].join('\n');
}
