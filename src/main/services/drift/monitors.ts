import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  driftMonitorSchema,
  type AddMonitorRequest,
  type DriftAlert,
  type DriftMonitor,
  type DriftReport,
  type MonitorCheck,
} from '../../../shared/contract/drift.js';
import {
  WorkbenchError,
  cancelledError,
  isCancellation,
  isWorkbenchError,
} from '../../../shared/contract/errors.js';
import type { Workspace } from '../workspace/index.js';
import type { DriftService } from './driftService.js';

/** What the engine says of a deployment name: running with capture on, there otherwise, not there. */
export type DeploymentPresence = 'capturing' | 'present' | 'absent' | 'unknown';

export interface Timers {
  /** Calls `tick` every `ms` until the returned function is called. */
  every(ms: number, tick: () => Promise<void>): () => void;
}

export const intervalTimers: Timers = {
  every(ms, tick) {
    const handle = setInterval(() => void tick(), ms);
    // A schedule alone never keeps a process alive: the host decides how long it runs.
    handle.unref();
    return () => clearInterval(handle);
  },
};

export interface MonitorServiceDeps {
  workspace: Workspace;
  /** Runs the comparison in the data worker; nothing is computed on this process's loop. */
  compare: DriftService['compare'];
  /** Saves the report of a check that raised an alert, so the alert can open it. */
  keep: DriftService['keep'];
  now: () => Date;
  timers: Timers;
  /** Whether a deployment of this name exists on the engine ('unknown' when the engine cannot say). */
  deployment(name: string): Promise<DeploymentPresence>;
  /** Where a scheduled check that failed for a reason of its own (a write, a bug) is reported. */
  reportError?: (error: unknown) => void;
}

export interface MonitorService {
  list(): Promise<DriftMonitor[]>;
  add(request: AddMonitorRequest): Promise<DriftMonitor>;
  remove(id: string): Promise<{ id: string }>;
  /** Checks a monitor now; joins the check already running for it, if there is one. */
  check(id: string): Promise<MonitorCheck>;
  /** Checks each monitor on its schedule until dispose, and at once those whose check is due. */
  start(): Promise<void>;
  onAlert(listener: (alert: DriftAlert) => void): () => void;
  onChange(listener: (change: { what: 'monitors' }) => void): () => void;
  /** Stops the schedule and aborts the checks running. */
  dispose(): Promise<void>;
}

const MONITORS_FILE = join('drift', 'monitors.json');
const monitorsFileSchema = z.object({ schemaVersion: z.literal(1), monitors: z.array(driftMonitorSchema) });

type Outcome = NonNullable<DriftMonitor['lastCheck']> & { compared: number; computed: DriftReport | null };

export function createMonitorService(deps: MonitorServiceDeps): MonitorService {
  const { workspace } = deps;
  const alertListeners = new Set<(alert: DriftAlert) => void>();
  const changeListeners = new Set<(change: { what: 'monitors' }) => void>();
  const changed = () => changeListeners.forEach((listener) => listener({ what: 'monitors' }));
  const schedules = new Map<string, () => void>();
  const running = new Map<string, { promise: Promise<MonitorCheck>; controller: AbortController }>();
  let started = false;
  let disposed = false;

  const read = async (): Promise<DriftMonitor[]> =>
    workspace
      .readJson(MONITORS_FILE, monitorsFileSchema)
      .then((file) => file.monitors)
      .catch((error: unknown) => {
        if (isWorkbenchError(error) && error.code === 'NOT_FOUND') return [];
        throw error;
      });

  // Read-modify-write of monitors.json one at a time, so a check never overwrites an add.
  let writes: Promise<unknown> = Promise.resolve();
  const update = <T>(change: (monitors: DriftMonitor[]) => { monitors: DriftMonitor[]; result: T }) => {
    const next = writes.then(async () => {
      const { monitors, result } = change(await read());
      await workspace.writeJson(MONITORS_FILE, { schemaVersion: 1, monitors });
      return result;
    });
    writes = next.catch(() => undefined);
    return next;
  };

  const find = async (id: string): Promise<DriftMonitor> => {
    const monitor = (await read()).find((candidate) => candidate.id === id);
    if (!monitor)
      throw new WorkbenchError({
        code: 'NOT_FOUND',
        message: `There is no drift monitor "${id}" in this workspace.`,
        hint: 'List the monitors with mlw drift monitor list, or open the Drift section.',
      });
    return monitor;
  };

  const schedule = (monitor: DriftMonitor) => {
    schedules.get(monitor.id)?.();
    schedules.set(
      monitor.id,
      deps.timers.every(monitor.everyMinutes * 60_000, () => scheduledCheck(monitor.id)),
    );
  };

  const scheduledCheck = async (id: string): Promise<void> => {
    if (running.has(id)) return;
    await check(id).then(
      () => undefined,
      (error: unknown) => {
        if (!isCancellation(error) && !disposed) deps.reportError?.(error);
      },
    );
  };

  const check = (id: string): Promise<MonitorCheck> => {
    const current = running.get(id);
    if (current) return current.promise;
    const controller = new AbortController();
    const promise = runCheck(id, controller.signal).finally(() => running.delete(id));
    running.set(id, { promise, controller });
    return promise;
  };

  const runCheck = async (id: string, signal: AbortSignal): Promise<MonitorCheck> => {
    const monitor = await find(id);
    const at = deps.now();
    const outcome = await compareWindow(monitor, at, signal);
    if (signal.aborted) throw cancelledError(`The check of monitor ${id}`);
    const { compared, computed: report, ...checkedNow } = outcome;
    const computed = checkedNow.error === null;
    const drifting = computed
      ? { dataset: checkedNow.drift === true, columns: checkedNow.driftedColumns }
      : monitor.drifting;
    const crossed = computed ? crossing(monitor, outcome, compared) : null;
    // The report of a check that raised an alert is kept, so the alert can show what moved.
    if (crossed && report) await deps.keep(report);
    const kept = crossed && report ? report.id : null;
    const lastCheck = { ...checkedNow, report: kept };
    const alert = crossed ? { ...crossed, report: kept } : null;
    const checked = await update((monitors) => {
      const updated = monitors.find((candidate) => candidate.id === id);
      if (!updated) return { monitors, result: undefined };
      const next = { ...updated, lastCheck, drifting };
      return {
        monitors: monitors.map((candidate) => (candidate.id === id ? next : candidate)),
        result: next,
      };
    });
    // Removed while it ran: nothing is left to tell about.
    if (!checked) return { monitor: { ...monitor, lastCheck, drifting }, alert: null };
    if (alert) alertListeners.forEach((listener) => listener(alert));
    changed();
    return { monitor: checked, alert };
  };

  const compareWindow = async (monitor: DriftMonitor, at: Date, signal: AbortSignal): Promise<Outcome> => {
    const from = new Date(at.getTime() - monitor.lookbackHours * 3_600_000).toISOString();
    const base = {
      at: at.toISOString(),
      rows: 0,
      drift: null,
      driftedColumns: [],
      compared: 0,
      computed: null,
      report: null,
    };
    try {
      const report = await deps.compare(
        {
          baseline: monitor.baseline,
          current: { kind: 'captures', deployment: monitor.deployment, from },
          settings: monitor.settings,
        },
        { signal, progress: () => undefined },
      );
      if (report.current.rows === 0) return { ...base, error: await noCaptures(monitor) };
      return {
        ...base,
        rows: report.current.rows,
        drift: report.dataset.drift,
        driftedColumns: report.columns
          .filter((column) => column.drift === true)
          .map((column) => column.column),
        compared: report.dataset.compared,
        computed: report,
        error: null,
      };
    } catch (error) {
      // An abort surfaces as whatever the interrupted step throws (a DOM AbortError from a read, say).
      if (signal.aborted) throw cancelledError(`The check of monitor ${monitor.id}`);
      if (isCancellation(error)) throw error;
      if (
        isWorkbenchError(error) &&
        error.code === 'DATASET_EMPTY' &&
        error.details?.captures === monitor.deployment
      )
        return { ...base, error: await noCaptures(monitor) };
      return { ...base, error: error instanceof Error ? error.message : String(error) };
    }
  };

  const noCaptures = async (monitor: DriftMonitor): Promise<string> => {
    const window = `No captured requests in the last ${hours(monitor.lookbackHours)}`;
    switch (await presence(monitor.deployment)) {
      case 'absent':
        return `${window}, and ${monitor.deployment} is gone: no deployment of that name is on the engine. Run it again with capture on, or remove this monitor.`;
      case 'present':
        return `${window}: ${monitor.deployment} is not running with capture on.`;
      default:
        return `${window}.`;
    }
  };

  const presence = (name: string): Promise<DeploymentPresence> =>
    deps.deployment(name).catch((): DeploymentPresence => 'unknown');

  return {
    list: read,
    async add(request) {
      const folder = workspace.resolve('captures', request.deployment);
      const hasFolder = await stat(folder).then(
        (info) => info.isDirectory(),
        () => false,
      );
      if (!hasFolder && (await presence(request.deployment)) !== 'capturing')
        throw new WorkbenchError({
          code: 'INVALID_INPUT',
          message: `${request.deployment} has nothing to monitor: this workspace has no captures/${request.deployment}/ folder and no running deployment of that name captures requests.`,
          hint: `Run it with capture on (mlw container run BUILD --name ${request.deployment} --capture), then add the monitor.`,
        });
      const monitor: DriftMonitor = {
        id: `${request.deployment}-${randomBytes(3).toString('hex')}`,
        ...request,
        createdAt: deps.now().toISOString(),
        lastCheck: null,
        drifting: null,
      };
      await update((monitors) => ({ monitors: [...monitors, monitor], result: undefined }));
      if (started && !disposed) schedule(monitor);
      changed();
      return monitor;
    },
    async remove(id) {
      await find(id);
      schedules.get(id)?.();
      schedules.delete(id);
      running.get(id)?.controller.abort();
      await update((monitors) => ({
        monitors: monitors.filter((monitor) => monitor.id !== id),
        result: undefined,
      }));
      changed();
      return { id };
    },
    check,
    async start() {
      if (started || disposed) return;
      started = true;
      const now = deps.now().getTime();
      for (const monitor of await read()) {
        schedule(monitor);
        const last = monitor.lastCheck ? Date.parse(monitor.lastCheck.at) : -Infinity;
        if (now - last >= monitor.everyMinutes * 60_000) void scheduledCheck(monitor.id);
      }
    },
    onAlert(listener) {
      alertListeners.add(listener);
      return () => alertListeners.delete(listener);
    },
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    async dispose() {
      disposed = true;
      schedules.forEach((stop) => stop());
      schedules.clear();
      const checks = [...running.values()];
      checks.forEach(({ controller }) => controller.abort());
      await Promise.allSettled(checks.map(({ promise }) => promise));
    },
  };
}

/** What crossed since the last check that compared: the data set into drift, or columns newly drifted. */
function crossing(monitor: DriftMonitor, outcome: Outcome, compared: number): DriftAlert | null {
  const before = monitor.drifting ?? { dataset: false, columns: [] };
  const dataset = outcome.drift === true && !before.dataset;
  const columns = outcome.driftedColumns.filter((column) => !before.columns.includes(column));
  if (!dataset && columns.length === 0) return null;
  const parts = [
    ...(dataset ? [`the data set drifted (${outcome.driftedColumns.length} of ${compared} columns)`] : []),
    ...(columns.length ? [`${listed(columns)} newly drifted`] : []),
  ];
  return {
    monitor: monitor.id,
    deployment: monitor.deployment,
    at: outcome.at,
    dataset,
    columns,
    message: `${monitor.deployment}: ${parts.join('; ')} over the last ${hours(monitor.lookbackHours)}.`,
    report: null,
  };
}

function listed(columns: readonly string[]): string {
  if (columns.length <= 5) return columns.join(', ');
  return `${columns.slice(0, 5).join(', ')} and ${columns.length - 5} more`;
}

function hours(value: number): string {
  return `${Number(value.toPrecision(6))} h`;
}
