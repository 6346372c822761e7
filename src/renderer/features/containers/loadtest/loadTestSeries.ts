import {
  loadTestSampleSchema,
  type LoadTestResult,
  type LoadTestSample,
} from '../../../../shared/contract/containerLoadtests.js';
import type { BuildRecord } from '../../../../shared/contract/containerBuilds.js';
import type { JobLogLine } from '../../../../shared/contract/jobs.js';
import type { TensorEncoding } from '../../../../shared/contract/servedRequests.js';

/** The job logs one JSON sample a second among its plain lines (the route, where it was saved). */
export function samplesFromLog(lines: readonly JobLogLine[]): LoadTestSample[] {
  const samples: LoadTestSample[] = [];
  for (const { text } of lines) {
    if (!text.startsWith('{')) continue;
    try {
      const parsed = loadTestSampleSchema.safeParse(JSON.parse(text));
      if (parsed.success) samples.push(parsed.data);
    } catch {
      // Not a sample: a line that happens to start with a brace.
    }
  }
  return samples;
}

/**
 * The seconds axis: the planned duration while the test runs (the lines grow into it), or as far
 * as the samples go; ticks at round steps, at most about six.
 */
export function timeAxis(
  samples: readonly LoadTestSample[],
  plannedS: number | undefined,
): { domain: [number, number]; ticks: number[] } {
  const end = Math.max(1, plannedS ?? 0, samples.at(-1)?.t ?? 0);
  const step = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600].find((s) => end / s <= 6) ?? Math.ceil(end / 6);
  const last = Math.ceil(end / step) * step;
  return {
    domain: [0, last],
    ticks: Array.from({ length: last / step + 1 }, (_, i) => i * step),
  };
}

/** Latency as the charts and tables write it: a tenth of a millisecond below 10 ms. */
export function formatLatency(ms: number | null): string {
  if (ms === null) return '—';
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms).toLocaleString('en-US')} ms`;
}

export function formatRps(rps: number): string {
  return rps < 100 ? rps.toFixed(1) : Math.round(rps).toLocaleString('en-US');
}

/** What the bodies were made of, in a few words. */
export function payloadLabel(result: Pick<LoadTestResult, 'payload' | 'method'>): string {
  if (result.method === 'GET') return 'no body';
  const { payload } = result;
  return payload.kind === 'dataset'
    ? `${payload.dataset}, rows ${payload.offset + 1}–${payload.offset + payload.rows}`
    : 'from the signature';
}

/** A build's bar in the comparison: its newest load test. */
export interface BuildComparison {
  buildId: string;
  /** What tells this build from the others compared: its tag, the part after the colon when they share a repository, or its id. */
  label: string;
  tag: string;
  current: boolean;
  rps: number;
  p99: number | null;
  connections: number;
  batch: number;
  /** The data set's slug, or "the signature". */
  source: string;
  encoding: TensorEncoding;
  at: string;
}

/**
 * The builds of one model that have load tests, oldest build first, each with its newest result;
 * builds without any are left out (there is nothing to draw for them).
 */
export function compareBuilds(
  builds: readonly BuildRecord[],
  results: ReadonlyMap<string, readonly LoadTestResult[]>,
  currentId: string,
): BuildComparison[] {
  const tested = [...builds]
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .filter((build) => (results.get(build.id)?.length ?? 0) > 0);
  const labels = distinctLabels(tested);
  return tested.flatMap((build, index) => {
    const newest = results.get(build.id)?.[0];
    if (!newest) return [];
    return [
      {
        buildId: build.id,
        label: labels[index] ?? build.id,
        tag: build.tag,
        current: build.id === currentId,
        rps: newest.rpsMean,
        p99: newest.latency.p99,
        connections: newest.connections,
        batch: newest.batch,
        source: newest.payload.kind === 'dataset' ? newest.payload.dataset : 'the signature',
        encoding: newest.encoding,
        at: newest.startedAt,
      },
    ];
  });
}

/**
 * The shortest names that tell the builds apart: `:1` and `:2` for tags of one repository, the
 * whole tags when the repositories differ, the build ids when two builds share a tag (a rebuild).
 */
function distinctLabels(builds: readonly BuildRecord[]): string[] {
  const tags = builds.map((build) => build.tag);
  if (new Set(tags).size < tags.length) return builds.map((build) => build.id);
  const repository = (tag: string) => tag.slice(0, tag.lastIndexOf(':'));
  const shared = tags.every((tag) => tag.includes(':') && repository(tag) === repository(tags[0] ?? ''));
  return shared && tags.length > 1 ? tags.map((tag) => tag.slice(tag.lastIndexOf(':'))) : tags;
}

/** Builds of the same model (any version) as this one, this one included. */
export function buildsOfModel(builds: readonly BuildRecord[], current: BuildRecord): BuildRecord[] {
  return builds.filter((build) => build.model.name === current.model.name);
}

/** What differs between the compared tests, e.g. "connections (4, 16)": empty when they ran alike. */
export function unlikeSettings(rows: readonly BuildComparison[]): string[] {
  const differing = (label: string, values: (string | number)[]): string[] => {
    const distinct = [...new Set(values)];
    return distinct.length > 1 ? [`${label} (${distinct.join(', ')})`] : [];
  };
  return [
    ...differing(
      'connections',
      rows.map((row) => row.connections),
    ),
    ...differing(
      'rows per request',
      rows.map((row) => row.batch),
    ),
    ...differing(
      'payload',
      rows.map((row) => row.source),
    ),
    ...differing(
      'tensors',
      rows.map((row) => row.encoding),
    ),
  ];
}
