import {
  driftRunRequestSchema,
  type DriftRunRequest,
  type DriftSide,
  type TestChoice,
} from '../../../../shared/contract/drift.js';
import type { ColumnKind, DriftTestName } from '../../../../shared/drift/driftTests.js';

export type SideKind = DriftSide['kind'];

/** One side as the form holds it: every kind's fields, so switching kinds keeps what was typed. */
export interface SideForm {
  kind: SideKind;
  slug: string | null;
  path: string;
  deployment: string;
  /** `datetime-local` values (the user's local time), '' when open. */
  from: string;
  to: string;
}

export interface ColumnTestRow {
  column: string;
  test: DriftTestName | null;
  /** '' for the test's own default. */
  threshold: number | string;
}

export interface DriftForm {
  baseline: SideForm;
  current: SideForm;
  ignore: string[];
  /** Baseline column -> current column. */
  mapping: { from: string; to: string }[];
  kinds: { column: string; kind: ColumnKind | null }[];
  columnTests: ColumnTestRow[];
  kindTests: Partial<Record<ColumnKind, { test: DriftTestName | null; threshold: number | string }>>;
  /** Percent, 1..100. */
  datasetSharePercent: number | string;
  window: 'none' | 'hour' | 'day';
  timeColumn: string;
  /** Check the current side against constraints suggested from the baseline (types, ranges, categories). */
  checkConstraints: boolean;
  /** A registry model run on both sides to compare its predictions; null for none. */
  model: string | null;
  /** The model's version as a Select value; 'latest' for the newest when the report runs. */
  modelVersion: string;
  /** The baseline's label column, for the model's quality on each side; null for none. */
  label: string | null;
}

export const emptySide = (kind: SideKind = 'dataset'): SideForm => ({
  kind,
  slug: null,
  path: '',
  deployment: '',
  from: '',
  to: '',
});

export const emptyDriftForm: DriftForm = {
  baseline: emptySide(),
  current: emptySide(),
  ignore: [],
  mapping: [],
  kinds: [],
  columnTests: [],
  kindTests: {},
  datasetSharePercent: 50,
  window: 'none',
  timeColumn: '',
  checkConstraints: false,
  model: null,
  modelVersion: 'latest',
  label: null,
};

export type DriftFormErrors = Partial<
  Record<'baseline' | 'current' | 'datasetShare' | 'window' | 'mapping' | 'tests', string>
>;

/** A `datetime-local` value as the ISO instant it means in the user's time zone. */
export function localToIso(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function sideOf(form: SideForm, name: string): { side?: DriftSide; error?: string } {
  switch (form.kind) {
    case 'dataset':
      return form.slug
        ? { side: { kind: 'dataset', slug: form.slug } }
        : { error: `Pick the ${name} data set` };
    case 'file':
      return form.path.trim()
        ? { side: { kind: 'file', path: form.path.trim() } }
        : { error: `Type the path of the ${name} file` };
    case 'captures': {
      if (!form.deployment.trim()) return { error: `Pick the deployment whose captures are the ${name}` };
      const from = localToIso(form.from);
      const to = localToIso(form.to);
      if (from && to && from >= to) return { error: 'The window’s end must come after its start' };
      return {
        side: {
          kind: 'captures',
          deployment: form.deployment.trim(),
          ...(from ? { from } : {}),
          ...(to ? { to } : {}),
        },
      };
    }
  }
}

/** A test and a threshold, either left to its default; nothing when both are. */
function choiceOf(test: DriftTestName | null, threshold: number | string): TestChoice | undefined {
  const value =
    typeof threshold === 'number' ? threshold : threshold.trim() === '' ? undefined : Number(threshold);
  if (!test && value === undefined) return undefined;
  return { ...(test ? { test } : {}), ...(value === undefined ? {} : { threshold: value }) };
}

function modelOf(name: string, version: string): { name: string; version?: number } {
  return version === 'latest' ? { name } : { name, version: Number(version) };
}

/** The `drift.run` request the form stands for, or what is wrong with it, field by field. */
export function driftRequestOf(
  form: DriftForm,
): { request: DriftRunRequest; errors?: undefined } | { request?: undefined; errors: DriftFormErrors } {
  const errors: DriftFormErrors = {};
  const baseline = sideOf(form.baseline, 'baseline');
  const current = sideOf(form.current, 'current');
  if (baseline.error) errors.baseline = baseline.error;
  if (current.error) errors.current = current.error;

  const share = Number(form.datasetSharePercent);
  if (form.datasetSharePercent === '' || !Number.isFinite(share) || share <= 0 || share > 100)
    errors.datasetShare = 'A percentage above 0 and at most 100';

  const windowed = form.window !== 'none';
  if (windowed && form.current.kind !== 'captures' && !form.timeColumn.trim())
    errors.window = 'Windows need the current side’s time column (captures carry their own time)';

  const mapping: Record<string, string> = {};
  for (const row of form.mapping) {
    if (!row.from.trim() && !row.to.trim()) continue;
    if (!row.from.trim() || !row.to.trim()) {
      errors.mapping = 'Each mapping names a baseline column and the current column it is compared with';
      break;
    }
    mapping[row.from.trim()] = row.to.trim();
  }

  const byColumn: Record<string, TestChoice> = {};
  for (const row of form.columnTests) {
    const choice = choiceOf(row.test, row.threshold);
    if (!row.column || !choice) continue;
    if (choice.threshold !== undefined && !(Number.isFinite(choice.threshold) && choice.threshold >= 0)) {
      errors.tests = `The threshold for ${row.column} must be a number of 0 or more`;
      continue;
    }
    byColumn[row.column] = choice;
  }
  const byKind: Partial<Record<ColumnKind, TestChoice>> = {};
  for (const [kind, row] of Object.entries(form.kindTests) as [ColumnKind, ColumnTestRow][]) {
    const choice = choiceOf(row.test, row.threshold);
    if (!choice) continue;
    if (choice.threshold !== undefined && !(Number.isFinite(choice.threshold) && choice.threshold >= 0)) {
      errors.tests = `The threshold for ${kind} columns must be a number of 0 or more`;
      continue;
    }
    byKind[kind] = choice;
  }
  const kinds = Object.fromEntries(
    form.kinds.filter((row) => row.column && row.kind).map((row) => [row.column, row.kind as ColumnKind]),
  );

  if (Object.keys(errors).length > 0 || !baseline.side || !current.side) return { errors };
  const parsed = driftRunRequestSchema.safeParse({
    baseline: baseline.side,
    current: current.side,
    settings: {
      ignore: form.ignore,
      mapping,
      kinds,
      tests: { byColumn, byKind },
      datasetShare: share / 100,
      ...(windowed ? { window: form.window } : {}),
      ...(form.timeColumn.trim() ? { timeColumn: form.timeColumn.trim() } : {}),
      // The label only measures the model's quality; without a model it would say nothing.
      ...(form.model ? { model: modelOf(form.model, form.modelVersion) } : {}),
      ...(form.model && form.label ? { label: form.label } : {}),
    },
    ...(form.checkConstraints ? { constraints: true } : {}),
  });
  if (!parsed.success)
    return { errors: { tests: parsed.error.issues.map((issue) => issue.message).join('; ') } };
  return { request: parsed.data };
}
