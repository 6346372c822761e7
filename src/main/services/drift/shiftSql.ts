import type { Shift } from '../../../shared/contract/drift.js';
import { isNumericColumnType } from '../../../shared/models/columnMapping.js';
import { sqlIdentifier, sqlString } from '../duckdb/index.js';

/** Everything the simulation's SELECT is made from; the statistics were measured on the source. */
export interface SimulationPlan {
  parquetPath: string;
  /** The source's columns, in order. */
  columns: readonly { name: string; type: string }[];
  shifts: readonly Shift[];
  /** The source mean and standard deviation of each column a mean or scale shift moves. */
  moments: ReadonlyMap<string, { mean: number; std: number }>;
  sourceRows: number;
  /** Rows drawn with replacement; every source row, in order, when absent. */
  rows: number | undefined;
  seed: number;
  gradual?: {
    windows: number;
    everyMicros: number;
    /** The first window's start as a UTC TIMESTAMP literal: 2026-12-07 15:00:00.000. */
    start: string;
  };
}

/** The time column a gradual simulation writes. */
export const TIME_COLUMN = 'ts';

const ROW = '__mlw_row';
const WINDOW = '__mlw_window';
const WINDOW_FIRST = '__mlw_window_first';
const WINDOW_NEXT = '__mlw_window_next';
const SOURCE_ROW = 'file_row_number';

/**
 * A uniform number in [0, 1) for one row and one purpose: the top 53 bits of DuckDB's hash of the
 * row's index, the purpose and the seed. The same seed draws the same numbers in any order and on
 * any number of threads, which random() does not.
 */
function uniform(row: string, purpose: string, seed: number): string {
  return `((hash(${row}, ${sqlString(purpose)}, ${seed}::BIGINT) >> 11)::DOUBLE / 9007199254740992.0)`;
}

const numberSql = (value: number): string => `${value}::DOUBLE`;

/**
 * The SELECT that makes the simulated rows, in order: rows drawn from the source, each column's
 * shifts applied in the order given, at full strength or, in a gradual simulation, at strength
 * k/(windows-1) in window k, whose rows get evenly spaced times from start + k*every.
 */
export function simulationSql(plan: SimulationPlan): string {
  const { seed, gradual } = plan;
  const rows = plan.rows ?? plan.sourceRows;
  const source = `read_parquet(${sqlString(plan.parquetPath)}, file_row_number = true)`;
  const picked =
    plan.rows === undefined
      ? `SELECT ${SOURCE_ROW} AS ${ROW}, * FROM ${source}`
      : `SELECT picks.${ROW}, src.* FROM (SELECT range AS ${ROW}, floor(${uniform('range', 'row', seed)} * ${plan.sourceRows})::BIGINT AS __mlw_pick FROM range(${rows})) AS picks JOIN ${source} AS src ON src.${SOURCE_ROW} = picks.__mlw_pick`;
  const windowed = gradual
    ? `SELECT *, (${ROW} * ${gradual.windows}) // ${rows} AS ${WINDOW}, ((${ROW} * ${gradual.windows}) // ${rows} * ${rows} + ${gradual.windows - 1}) // ${gradual.windows} AS ${WINDOW_FIRST}, (((${ROW} * ${gradual.windows}) // ${rows} + 1) * ${rows} + ${gradual.windows - 1}) // ${gradual.windows} AS ${WINDOW_NEXT} FROM (${picked})`
    : picked;
  const strength = gradual ? `(${WINDOW}::DOUBLE / ${gradual.windows - 1})` : '1::DOUBLE';
  const kept = plan.columns.filter((column) => !gradual || column.name !== TIME_COLUMN);
  const selected = kept.map((column) => {
    const shifts = plan.shifts
      .map((shift, index) => ({ shift, index }))
      .filter(({ shift }) => shift.column === column.name);
    if (shifts.length === 0) return sqlIdentifier(column.name);
    const expression = shifts.reduce(
      (previous, { shift, index }) => applyShift(previous, shift, { plan, strength, column, index }),
      sqlIdentifier(column.name),
    );
    return `CAST(${expression} AS ${resultType(
      column.type,
      shifts.map(({ shift }) => shift),
    )}) AS ${sqlIdentifier(column.name)}`;
  });
  const time = gradual
    ? [
        `(${sqlString(gradual.start)}::TIMESTAMP + to_microseconds(CAST(floor(${gradual.everyMicros}::DOUBLE * (${WINDOW} + (${ROW} - ${WINDOW_FIRST})::DOUBLE / (${WINDOW_NEXT} - ${WINDOW_FIRST}))) AS BIGINT))) AS ${sqlIdentifier(TIME_COLUMN)}`,
      ]
    : [];
  return `SELECT ${[...time, ...selected].join(', ')} FROM (${windowed}) ORDER BY ${ROW}`;
}

interface ShiftContext {
  plan: SimulationPlan;
  strength: string;
  column: { name: string; type: string };
  /** The shift's place in the request, so two shifts of one column draw independent numbers. */
  index: number;
}

function applyShift(previous: string, shift: Shift, { plan, strength, column, index }: ShiftContext): string {
  const draw = (purpose: string) => uniform(ROW, `${index}:${shift.kind}:${purpose}`, plan.seed);
  switch (shift.kind) {
    case 'mean': {
      const { std } = moment(plan, column.name);
      return `(${previous} + ${numberSql(shift.by * std)} * ${strength})`;
    }
    case 'scale': {
      const { mean } = moment(plan, column.name);
      return `(${numberSql(mean)} + (1 + ${numberSql(shift.factor - 1)} * ${strength}) * (${previous} - ${numberSql(mean)}))`;
    }
    case 'categories': {
      // With probability `strength` a row takes a value drawn from the weights, else keeps its own:
      // the column's mix is then (1 - s) x the source's + s x the target's.
      const entries = Object.entries(shift.weights).filter(([, weight]) => weight > 0);
      const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
      const literal = (category: string) =>
        column.type.toUpperCase() === 'VARCHAR' || column.type.toUpperCase().startsWith('ENUM')
          ? sqlString(category)
          : `CAST(${sqlString(category)} AS ${column.type})`;
      let cumulative = 0;
      const branches = entries.slice(0, -1).map(([category, weight]) => {
        cumulative += weight / total;
        return `WHEN ${draw('value')} < ${numberSql(cumulative)} THEN ${literal(category)}`;
      });
      const [last] = entries.slice(-1);
      const drawn = branches.length
        ? `CASE ${branches.join(' ')} ELSE ${literal(last?.[0] ?? '')} END`
        : literal(last?.[0] ?? '');
      return `CASE WHEN ${draw('mix')} < ${strength} THEN ${drawn} ELSE ${previous} END`;
    }
    case 'missing':
      return `CASE WHEN ${draw('missing')} < ${numberSql(shift.share)} * ${strength} THEN NULL ELSE ${previous} END`;
  }
}

function moment(plan: SimulationPlan, column: string): { mean: number; std: number } {
  const found = plan.moments.get(column);
  if (!found) throw new Error(`No moments were measured for ${column}`);
  return found;
}

/**
 * A column moved by a mean or scale shift holds fractions: DOUBLE (FLOAT stays FLOAT). Otherwise
 * it keeps its type; an ENUM becomes text, since the weights may name a value it lacks.
 */
function resultType(type: string, shifts: readonly Shift[]): string {
  const upper = type.toUpperCase();
  if (shifts.some((shift) => shift.kind === 'mean' || shift.kind === 'scale') && isNumericColumnType(upper))
    return upper === 'FLOAT' || upper === 'REAL' ? 'FLOAT' : 'DOUBLE';
  if (upper.startsWith('ENUM')) return 'VARCHAR';
  return type;
}
