import {
  simulateRequestSchema,
  type Shift,
  type SimulateRequest,
} from '../../../../shared/contract/drift.js';
import { emptySide, type DriftForm } from '../run/driftForm.js';

export type ShiftKind = Shift['kind'];

/** One shift as the dialog holds it: `value` is read by its kind (std multiples, factor, weights, share). */
export interface ShiftRow {
  kind: ShiftKind;
  column: string | null;
  value: string;
}

export interface SimulateForm {
  source: string | null;
  name: string;
  shifts: ShiftRow[];
  gradual: boolean;
  windows: number | string;
  every: 'hour' | 'day';
  seed: number | string;
}

export const emptyShift = (): ShiftRow => ({ kind: 'mean', column: null, value: '1' });

export const emptySimulateForm: SimulateForm = {
  source: null,
  name: '',
  shifts: [emptyShift()],
  gradual: false,
  windows: 4,
  every: 'day',
  seed: 1,
};

export type SimulateFormErrors = Partial<Record<'source' | 'name' | 'shifts' | 'windows' | 'seed', string>>;

/** "a:0.7, b:0.3" as category weights; the last colon splits, so a category may hold one. */
export function parseWeights(text: string): Record<string, number> | string {
  const weights: Record<string, number> = {};
  for (const part of text.split(',')) {
    if (!part.trim()) continue;
    const at = part.lastIndexOf(':');
    const category = at < 0 ? '' : part.slice(0, at).trim();
    const weight = at < 0 ? Number.NaN : Number(part.slice(at + 1).trim());
    if (!category || !Number.isFinite(weight) || weight < 0)
      return `“${part.trim()}” is not category:weight (a weight of 0 or more), as in retail:0.7, online:0.3`;
    weights[category] = weight;
  }
  if (Object.keys(weights).length === 0) return 'Give the categories’ weights, as in retail:0.7, online:0.3';
  if (Object.values(weights).every((weight) => weight === 0)) return 'At least one weight must be above 0';
  return weights;
}

function shiftOf(row: ShiftRow): Shift | string {
  if (!row.column) return 'Pick the column each shift moves';
  const column = row.column;
  if (row.kind === 'categories') {
    const weights = parseWeights(row.value);
    return typeof weights === 'string' ? `${column}: ${weights}` : { kind: 'categories', column, weights };
  }
  const value = row.value.trim() === '' ? Number.NaN : Number(row.value);
  switch (row.kind) {
    case 'mean':
      return Number.isFinite(value) && Math.abs(value) <= 100
        ? { kind: 'mean', column, by: value }
        : `${column}: the mean moves by a number of standard deviations, -100 to 100`;
    case 'scale':
      return Number.isFinite(value) && value >= 0 && value <= 100
        ? { kind: 'scale', column, factor: value }
        : `${column}: the spread is scaled by a factor from 0 to 100`;
    case 'missing':
      return Number.isFinite(value) && value >= 0 && value <= 1
        ? { kind: 'missing', column, share: value }
        : `${column}: the share of values set missing is from 0 to 1`;
  }
}

/** The `drift.simulate` request the dialog stands for, or what is wrong with it, field by field. */
export function simulateRequestOf(
  form: SimulateForm,
): { request: SimulateRequest; errors?: undefined } | { request?: undefined; errors: SimulateFormErrors } {
  const errors: SimulateFormErrors = {};
  if (!form.source) errors.source = 'Pick the data set to shift';
  if (!form.name.trim()) errors.name = 'Name the new data set';
  const shifts: Shift[] = [];
  for (const row of form.shifts) {
    const shift = shiftOf(row);
    if (typeof shift === 'string') {
      errors.shifts = shift;
      break;
    }
    shifts.push(shift);
  }
  if (form.shifts.length === 0) errors.shifts = 'Add at least one shift';
  const windows = Number(form.windows);
  if (form.gradual && !(Number.isInteger(windows) && windows >= 2 && windows <= 1000))
    errors.windows = 'A whole number of windows from 2 to 1,000';
  const seed = Number(form.seed);
  if (form.seed === '' || !(Number.isInteger(seed) && seed >= 0 && seed <= 2 ** 31))
    errors.seed = 'A whole number of 0 or more';

  if (Object.keys(errors).length > 0 || !form.source) return { errors };
  const parsed = simulateRequestSchema.safeParse({
    source: form.source,
    name: form.name.trim(),
    shifts,
    seed,
    ...(form.gradual ? { gradual: { windows, every: form.every } } : {}),
  });
  if (!parsed.success)
    return { errors: { shifts: parsed.error.issues.map((issue) => issue.message).join('; ') } };
  return { request: parsed.data };
}

/**
 * The New report form set to compare the source with its shifted copy, the rest of its choices
 * kept; a gradual copy is windowed by the `ts` column the simulator writes.
 */
export function reportFormFor(
  form: DriftForm,
  request: Pick<SimulateRequest, 'source' | 'gradual'>,
  made: string,
): DriftForm {
  return {
    ...form,
    baseline: { ...emptySide(), slug: request.source },
    current: { ...emptySide(), slug: made },
    ...(request.gradual
      ? { window: request.gradual.every, timeColumn: 'ts' }
      : { window: 'none' as const, timeColumn: '' }),
  };
}
