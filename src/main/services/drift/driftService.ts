import type {
  Constraints,
  DriftReport,
  DriftReportSummary,
  DriftRunRequest,
  DriftSettings,
  SuggestConstraintsRequest,
} from '../../../shared/contract/drift.js';
import { WorkbenchError } from '../../../shared/contract/errors.js';
import type { Job } from '../../../shared/contract/jobs.js';
import { datasetVerdict } from '../../../shared/drift/datasetVerdict.js';
import type { DatasetService } from '../datasets/index.js';
import type { DuckDb } from '../duckdb/index.js';
import type { JobContext, JobService } from '../jobs/index.js';
import type { Workspace } from '../workspace/index.js';
import { reportConstraints, suggestConstraints } from './constraints/index.js';
import { predictionDrift, type PredictionDeps } from './prediction.js';
import { createReportStore, reportIdFor } from './reportStore.js';
import { resolveSide } from './sides.js';

export interface DriftService {
  /** Compares the sides as a job; its result is the DriftReport, saved under drift/<id>/. */
  run(request: DriftRunRequest): Job;
  /** The comparison itself, for callers that run their own job (the CLI, monitors). */
  compare(request: DriftRunRequest, ctx: Pick<JobContext, 'signal' | 'progress'>): Promise<DriftReport>;
  /** Constraints suggested from a baseline, for people to edit and check current data against. */
  suggestConstraints(request: SuggestConstraintsRequest, signal?: AbortSignal): Promise<Constraints>;
  list(): Promise<DriftReportSummary[]>;
  get(id: string): Promise<DriftReport>;
  /** Saves a report computed by `compare` (a monitor's check that raised an alert). */
  keep(report: DriftReport): Promise<void>;
  /** The report's HTML file, named for a download. */
  reportHtml(id: string): Promise<{ fileName: string; html: string }>;
  remove(id: string): Promise<{ trashedTo: string }>;
  /** Called when reports are saved or removed. */
  onChange(listener: (change: { what: 'reports' | 'monitors' }) => void): () => void;
}

export interface DriftServiceDeps {
  workspace: Workspace;
  jobs: JobService;
  duckdb: DuckDb;
  datasets: Pick<DatasetService, 'get' | 'relationOf'>;
  workbenchVersion: string;
  /** Runs registry models for prediction drift; without it a report with a model is refused. */
  prediction?: PredictionDeps;
  now?: () => Date;
}

export function createDriftService(deps: DriftServiceDeps): DriftService {
  const store = createReportStore(deps.workspace);
  const now = deps.now ?? (() => new Date());
  const listeners = new Set<(change: { what: 'reports' | 'monitors' }) => void>();
  const changed = (what: 'reports' | 'monitors') => listeners.forEach((listener) => listener({ what }));

  const compare: DriftService['compare'] = async (request, ctx) => {
    const started = performance.now();
    const settings: DriftSettings = request.settings;
    ctx.progress(0, 'Reading the baseline and the current data');
    const [baseline, current] = await Promise.all([
      resolveSide(deps, request.baseline, ctx.signal),
      resolveSide(deps, request.current, ctx.signal),
    ]);
    const timeColumn = settings.timeColumn ?? current.timeColumn;
    if (settings.window && !timeColumn)
      throw new WorkbenchError({
        code: 'INVALID_INPUT',
        message: `Windows need a time: ${current.label} has none of its own, and no time column was given.`,
        hint: 'Name the column that holds each row’s time (--time-column), or compare captures, which carry theirs.',
      });
    const result = await deps.duckdb.withConnection((session) =>
      session.drift(
        {
          baseline: { sql: baseline.sql, label: baseline.label },
          current: { sql: current.sql, label: current.label },
          settings: timeColumn && settings.timeColumn === undefined ? { ...settings, timeColumn } : settings,
          window: settings.window && timeColumn ? { column: timeColumn, unit: settings.window } : undefined,
        },
        {
          signal: ctx.signal,
          onProgress: (fraction) => ctx.progress(0.05 + fraction * 0.9, 'Comparing columns'),
        },
      ),
    );
    // Constraints: checked on the current side, suggested from the baseline when asked.
    const constraints = request.constraints
      ? await reportConstraints(deps.duckdb, {
          constraints: request.constraints,
          settings,
          baseline: { ...baseline, sha256: await baseline.sha256 },
          current: { sql: current.sql, columns: result.current.columns },
          pairs: result.columns,
          exempt: current.timeColumn ? [current.timeColumn] : [],
          signal: ctx.signal,
        })
      : null;
    const createdAt = now();
    const report: DriftReport = {
      schemaVersion: 1,
      id: request.id ?? reportIdFor(baseline.name, current.name, createdAt),
      createdAt: createdAt.toISOString(),
      workbenchVersion: deps.workbenchVersion,
      baseline: {
        side: request.baseline,
        label: baseline.label,
        rows: result.baseline.rows,
        sha256: await baseline.sha256,
        columns: result.baseline.columns,
      },
      current: {
        side: request.current,
        label: current.label,
        rows: result.current.rows,
        sha256: await current.sha256,
        columns: result.current.columns,
      },
      settings,
      columns: result.columns,
      schemaIssues: result.schemaIssues,
      dataset: datasetVerdict(result.columns, settings.datasetShare),
      windows: result.windows,
      constraints,
      prediction: null,
      durationMs: performance.now() - started,
      timings: result.timings,
    };
    if (settings.model) {
      if (!deps.prediction)
        throw new WorkbenchError({
          code: 'INVALID_INPUT',
          message: 'This host cannot run models for prediction drift.',
          hint: 'Compare the data without a model.',
        });
      ctx.progress(0.9, `Predicting with ${settings.model.name}`);
      report.prediction = await predictionDrift(
        deps.prediction,
        report,
        { baseline: baseline.sql, current: current.sql },
        settings,
        ctx.signal,
      );
      report.durationMs = performance.now() - started;
    }
    return report;
  };

  return {
    compare,
    run(request) {
      return deps.jobs.start({ kind: 'drift.run', title: 'Drift report' }, async (ctx) => {
        const report = await compare(request, ctx);
        ctx.progress(0.97, 'Saving the report');
        const saved = await store.save(report);
        ctx.log(`Saved ${saved.json} and ${saved.html}`);
        changed('reports');
        return report;
      });
    },
    async suggestConstraints(request, signal) {
      const side = await resolveSide(deps, request.baseline, signal);
      const sha256 = await side.sha256;
      return deps.duckdb.withConnection((session) =>
        suggestConstraints(session, side.sql, {
          ignore: [
            ...request.ignore,
            ...(request.label ? [request.label] : []),
            ...(side.timeColumn ? [side.timeColumn] : []),
          ],
          maxCategories: request.maxCategories,
          allowExtraColumns: request.allowExtraColumns,
          baseline: { label: side.label, sha256 },
          signal,
        }),
      );
    },
    list: () => store.list(),
    get: (id) => store.get(id),
    async keep(report) {
      await store.save(report);
      changed('reports');
    },
    reportHtml: async (id) => ({ fileName: `drift-${id}.html`, html: await store.html(id) }),
    async remove(id) {
      const removed = await store.remove(id);
      changed('reports');
      return removed;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
