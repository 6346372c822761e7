import type { Command } from 'commander';
import { observedShapesSchema, type ObservedShapes } from '../../shared/contract/modelShapes.js';
import { parseModelRef } from '../../shared/models/modelRef.js';
import { shapeRows, type ShapeRow } from '../../shared/models/shapeRows.js';
import { ortElementName } from '../../shared/tensors/onnxElementTypes.js';
import { formatTable } from './formatTable.js';
import { modelGroup } from './modelCommands.js';
import { jobResult } from './jobResult.js';
import { collect, dimSizes } from './modelRunCommands.js';
import { line } from './terminalText.js';
import type { CliSession } from './session.js';

type WithSession = (work: (session: CliSession) => Promise<void>) => Promise<void>;

const shapeText = (type: string | null, dims: readonly (number | string | null)[] | null): string =>
  `${type ?? '?'} ${dims === null ? '?' : `[${dims.map((d) => d ?? '?').join(', ')}]`}`;

const VERDICTS = { same: '', refined: 'refined', mismatch: 'MISMATCH' } as const;

/** The values with their inferred and observed shapes, then the dims used and a count of mismatches. */
export function renderShapes(rows: readonly ShapeRow[], observed: ObservedShapes): string {
  const table = formatTable(rows, [
    { header: 'Value', value: (row) => row.name, maxWidth: 48 },
    {
      header: 'Inferred',
      value: (row) =>
        row.inferred
          ? shapeText(
              row.inferred.elementType && ortElementName(row.inferred.elementType),
              row.inferred.shape,
            )
          : '?',
    },
    {
      header: 'Observed',
      value: (row) => (row.observed ? shapeText(row.observed.type, row.observed.dims) : 'not observed'),
    },
    {
      header: 'Note',
      value: (row) => (row.verdict ? VERDICTS[row.verdict] : (row.reason ?? '')),
      maxWidth: 100,
    },
  ]);
  const dims = Object.entries(observed.dims).map(([name, size]) => `${name}=${size}`);
  const mismatches = rows.filter((row) => row.verdict === 'mismatch').length;
  return [
    table,
    '',
    line`${dims.length ? `Dims: ${dims.join(', ')}. ` : ''}${rows.filter((r) => r.observed).length} of ${rows.length} values observed in ${observed.runs} run${observed.runs === 1 ? '' : 's'}; ${mismatches} mismatch${mismatches === 1 ? '' : 'es'} with inferred shapes.`,
  ].join('\n');
}

export function registerModelShapesCommand(program: Command, withSession: WithSession): void {
  modelGroup(program)
    .command('shapes')
    .description(
      'Run a model once on a generated input and print every value with its inferred and observed shape',
    )
    .argument('<model>', 'name, name@version, or a path to an .onnx file')
    .option(
      '--dim <name=size>',
      'the size of a named symbolic dimension (repeatable; default 1)',
      collect,
      [],
    )
    .option('--zeros', 'feed zeros instead of seeded random values')
    .action((text: string, flags: { dim: string[]; zeros?: boolean }) =>
      withSession(async ({ call, follow, output }) => {
        const model = parseModelRef(text);
        const { summary } = await call('models.inspect', { model });
        const job = await call('models.observeShapes', {
          model,
          dims: dimSizes(flags.dim),
          fill: flags.zeros ? 'zeros' : 'random',
        });
        const observed = observedShapesSchema.parse(jobResult(await follow(job)));
        const rows = shapeRows(summary.graph, observed);
        output.result({ ...observed, rows }, () => renderShapes(rows, observed));
      }),
    );
}
