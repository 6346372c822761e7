#!/usr/bin/env node
// `npm test`: every check the project has, in one run, against real engines.
//
//   node scripts/test.mjs [--quick] [--no-engines]
//     --quick       skip the Playwright end-to-end tests
//     --no-engines  do not start (or require) the Docker engine; engine tests skip when none answers
//
// Steps run in order and each is timed; a failing step does not stop the steps that do not depend on
// it, so one run reports every failure. The last line is `N passed, N failed, N skipped`, which is
// what CI reads (it does not understand Vitest's or Playwright's own summaries); any failure also
// makes the exit code non-zero. A Docker engine this run started is stopped at the end, also on Ctrl-C.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const RESULTS = join(ROOT, 'test-results');
const UNIT_REPORT = join(RESULTS, 'unit.json');
const E2E_REPORT = join(RESULTS, 'e2e.json');
// .ci/run prints this again as its own last line, after its cleanup output.
const SUMMARY_FILE = join(RESULTS, 'summary.txt');
const ENGINES_ENV = join(ROOT, '.engines', 'env');

const USAGE = 'usage: node scripts/test.mjs [--quick] [--no-engines]';
const args = new Set(process.argv.slice(2));
for (const arg of args) {
  if (arg !== '--quick' && arg !== '--no-engines') {
    console.error(`unknown option ${arg}\n${USAGE}`);
    process.exit(2);
  }
}
const quick = args.has('--quick');
const useEngines = !args.has('--no-engines');

/** @type {{ name: string, status: 'passed' | 'failed' | 'skipped', seconds: number, note: string }[]} */
const steps = [];
const counts = { passed: 0, failed: 0, skipped: 0 };
const env = { ...process.env };
/** @type {import('node:child_process').ChildProcess | undefined} */
let current;
/** The cleanup step runs in its own process group, out of reach of a second Ctrl-C. */
let currentShielded = false;
let interrupted = false;

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => {
    if (!interrupted) console.error(`\n[test] ${signal}: stopping after the current step, then cleaning up`);
    interrupted = true;
    // A terminal's Ctrl-C reaches the child already; a signal sent to this process alone does not.
    if (!currentShielded) current?.kill(signal);
  });
}

function bin(name) {
  return join(ROOT, 'node_modules', '.bin', name);
}

/** Runs a command with inherited output; resolves with its exit code (1 when it could not start). */
function run(command, commandArgs, { shielded = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { cwd: ROOT, env, stdio: 'inherit', detached: shielded });
    current = child;
    currentShielded = shielded;
    child.on('error', (error) => {
      console.error(`[test] could not start ${command}: ${error.message}`);
    });
    child.on('close', (code, signal) => {
      current = undefined;
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

/**
 * Runs one step with a header and a timing. `body` returns the exit code, or an object with a code and
 * a note; `skip` is a reason to skip instead.
 */
async function step(name, body, skip) {
  const index = steps.length + 1;
  if (interrupted) skip = 'interrupted';
  if (skip) {
    steps.push({ name, status: 'skipped', seconds: 0, note: skip });
    console.log(`\n── ${index}. ${name}: skipped (${skip})`);
    return 'skipped';
  }
  console.log(`\n── ${index}. ${name} ${'─'.repeat(Math.max(4, 70 - name.length))}`);
  const started = performance.now();
  const outcome = await body();
  const { code, note = '' } = typeof outcome === 'number' ? { code: outcome } : outcome;
  const seconds = (performance.now() - started) / 1000;
  const status = code === 0 ? 'passed' : 'failed';
  steps.push({ name, status, seconds, note: note || (code === 0 ? '' : `exit code ${code}`) });
  console.log(`── ${name}: ${status} in ${seconds.toFixed(1)} s`);
  return status;
}

/** A failing tool step counts as one failed test, so the closing line never reads 0 failed. */
function countStep(status) {
  if (status === 'failed') counts.failed += 1;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Adds a test runner's counts. A runner that failed without reporting a failing test (it crashed, a
 * file did not load, an unhandled error) still counts once as failed.
 */
function countReport(code, reported) {
  if (!reported) {
    counts.failed += 1;
    return 'no JSON report was written';
  }
  counts.passed += reported.passed;
  counts.failed += reported.failed;
  counts.skipped += reported.skipped;
  if (code !== 0 && reported.failed === 0) {
    counts.failed += 1;
    return `exit code ${code} with no failing test reported`;
  }
  return `${reported.passed} passed, ${reported.failed} failed, ${reported.skipped} skipped`;
}

function vitestCounts(report) {
  if (!report) return undefined;
  // A file that fails to load has no failed test in it, only a failed file.
  const brokenFiles = (report.testResults ?? []).filter(
    (file) =>
      file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
  ).length;
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + brokenFiles,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

/** One line per failing test, kept for the end of the run, where CI's excerpt of the output is. */
const failures = [];
const MAX_FAILURES_SHOWN = 25;

function firstLine(text) {
  // Colour codes and the stack stay in the runner's own output above.
  const line =
    stripVTControlCharacters(String(text ?? ''))
      .split('\n')
      .find((l) => l.trim()) ?? '';
  return line.trim().slice(0, 300);
}

function vitestFailures(report) {
  for (const file of report?.testResults ?? []) {
    const path = file.name?.startsWith(ROOT) ? file.name.slice(ROOT.length + 1) : file.name;
    const failed = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
    for (const test of failed)
      failures.push(`vitest ${path} > ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    if (file.status === 'failed' && failed.length === 0)
      failures.push(
        `vitest ${path}: ${firstLine(file.message) || 'failed outside its tests (a hook, or an error while loading it)'}`,
      );
  }
}

function playwrightFailures(report) {
  const visit = (suite) => {
    for (const spec of suite.specs ?? [])
      for (const test of spec.tests ?? [])
        if (test.status === 'unexpected') {
          const error = test.results?.at(-1)?.error?.message;
          failures.push(`playwright ${spec.file}:${spec.line} > ${spec.title}: ${firstLine(error)}`);
        }
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of report?.suites ?? []) visit(suite);
  for (const error of report?.errors ?? []) failures.push(`playwright: ${firstLine(error.message)}`);
}

function playwrightCounts(report) {
  const stats = report?.stats;
  if (!stats) return undefined;
  return {
    // A flaky test failed first and then passed on a retry.
    passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
    failed: (stats.unexpected ?? 0) + (report.errors?.length ?? 0),
    skipped: stats.skipped ?? 0,
  };
}

/** Reads `export KEY=value` lines written by engines.sh (values have no spaces or quotes). */
function readEnginesEnv() {
  const values = {};
  for (const line of readFileSync(ENGINES_ENV, 'utf8').split('\n')) {
    const match = /^export ([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match) values[match[1]] = match[2];
  }
  return values;
}

async function main() {
  mkdirSync(RESULTS, { recursive: true });
  rmSync(SUMMARY_FILE, { force: true });
  let stopEngines = false;

  try {
    countStep(
      await step('typecheck (main, preload, shared)', () =>
        run(bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit']),
      ),
    );
    countStep(
      await step('typecheck (renderer)', () => run(bin('tsc'), ['-p', 'tsconfig.web.json', '--noEmit'])),
    );
    countStep(await step('lint', () => run(bin('eslint'), ['--max-warnings', '0', '.'])));
    countStep(await step('format (prettier --check)', () => run(bin('prettier'), ['--check', '.'])));
    // The model server bundle (out/serving) is part of the build: serving images are made from it.
    const build = await step('build (electron-vite, model server)', async () => {
      const code = await run(bin('electron-vite'), ['build']);
      return code === 0 ? run(process.execPath, [join('scripts', 'build-serving.mjs')]) : code;
    });
    countStep(build);

    const engines = await step(
      'engines up (Docker, Chromium)',
      async () => {
        const code = await run('bash', [join('scripts', 'engines.sh'), 'up']);
        if (code !== 0) return code;
        const values = readEnginesEnv();
        env.DOCKER_HOST = values.DOCKER_HOST;
        env.MLW_CHROMIUM = values.MLW_CHROMIUM;
        stopEngines = values.MLW_ENGINES_STARTED === '1';
        return {
          code,
          note: `${values.DOCKER_HOST}${stopEngines ? ', started by this run' : ', already running'}`,
        };
      },
      useEngines ? undefined : '--no-engines',
    );
    countStep(engines);
    if (useEngines) {
      // The engine tests must fail, not skip, when the engine is missing: a skipped test is a silent pass.
      env.MLW_REQUIRE_ENGINES = '1';
      // An `up` that failed may have left a daemon of ours behind (one that never answered).
      if (engines === 'failed') stopEngines = true;
    }

    let unitCode = 0;
    const unit = await step('unit and integration tests (vitest)', async () => {
      rmSync(UNIT_REPORT, { force: true });
      unitCode = await run(bin('vitest'), [
        'run',
        '--reporter=default',
        '--reporter=json',
        `--outputFile=${UNIT_REPORT}`,
      ]);
      return unitCode;
    });
    // Read now: Playwright empties its output folder, test-results/ by default, when it starts.
    if (unit !== 'skipped') {
      const report = readJson(UNIT_REPORT);
      steps.at(-1).note = countReport(unitCode, vitestCounts(report));
      vitestFailures(report);
    }

    let e2eCode = 0;
    const hasPlaywright = existsSync(join(ROOT, 'playwright.config.ts'));
    const e2eSkip = quick
      ? '--quick'
      : !hasPlaywright
        ? 'playwright.config.ts does not exist yet'
        : build === 'failed'
          ? 'the build failed'
          : undefined;
    const e2e = await step(
      'end-to-end tests (playwright)',
      async () => {
        rmSync(E2E_REPORT, { force: true });
        e2eCode = await run(bin('playwright'), ['test']);
        return e2eCode;
      },
      e2eSkip,
    );
    if (e2e !== 'skipped') {
      const report = readJson(E2E_REPORT);
      steps.at(-1).note = countReport(e2eCode, playwrightCounts(report));
      playwrightFailures(report);
    }
  } finally {
    if (stopEngines) {
      // Not skipped on interrupt: this is the cleanup the interrupt is waiting for.
      const wasInterrupted = interrupted;
      interrupted = false;
      countStep(
        await step('engines down', () =>
          run('bash', [join('scripts', 'engines.sh'), 'down'], { shielded: true }),
        ),
      );
      interrupted = wasInterrupted;
    }
  }

  if (failures.length > 0) {
    console.log(`\nFailed tests (${failures.length}):`);
    for (const line of failures.slice(0, MAX_FAILURES_SHOWN)) console.log(`  ${line}`);
    if (failures.length > MAX_FAILURES_SHOWN)
      console.log(`  … and ${failures.length - MAX_FAILURES_SHOWN} more`);
  }

  const width = Math.max(...steps.map((s) => s.name.length));
  console.log(`\n${'Step'.padEnd(width)}  Result   Time     Notes`);
  for (const s of steps) {
    const time = s.status === 'skipped' ? '' : `${s.seconds.toFixed(1)} s`;
    console.log(`${s.name.padEnd(width)}  ${s.status.padEnd(7)}  ${time.padEnd(7)}  ${s.note}`);
  }
  const total = steps.reduce((sum, s) => sum + s.seconds, 0);
  console.log(
    `${'total'.padEnd(width)}           ${total.toFixed(1)} s${interrupted ? '  (interrupted)' : ''}\n`,
  );

  const closing = `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
  writeFileSync(SUMMARY_FILE, `${closing}\n`);
  console.log(closing);
  process.exitCode = interrupted
    ? 130
    : counts.failed > 0 || steps.some((s) => s.status === 'failed')
      ? 1
      : 0;
}

await main();
