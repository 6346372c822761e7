import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { z } from 'zod';

const environmentSchema = z.object({
  python: z.string(),
  executable: z.string(),
  packages: z.object({
    numpy: z.string().nullable(),
    torch: z.string().nullable(),
    onnx: z.string().nullable(),
    sklearn: z.string().nullable(),
    skl2onnx: z.string().nullable(),
    tf2onnx: z.string().nullable(),
    tensorflow: z.string().nullable(),
    joblib: z.string().nullable(),
  }),
});
export type PythonPackages = z.infer<typeof environmentSchema>['packages'];

/** Where a candidate Python came from, in the order they are preferred. */
export type PythonSource = 'chosen' | 'MLW_PYTHON' | 'system' | 'PATH';

export interface PythonEnvironment {
  /** The path the workbench runs (as given, not resolved). */
  command: string;
  source: PythonSource;
  /** Python's version and sys.executable, with package versions (null where absent); missing when it did not run. */
  python?: string;
  executable?: string;
  packages?: PythonPackages;
  /** Why it could not be used, when it did not run. */
  problem?: string;
}

export interface DetectOptions {
  /** The Python the user named (a setting or a flag); tried first. */
  chosen?: string | undefined;
  convertersDir: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/**
 * Finds the Pythons conversion could use, in preference order (the user's choice, MLW_PYTHON,
 * Debian's /usr/bin/python3, then python3 on PATH), and asks each its versions with environment.py.
 * The same interpreter reached by two routes is listed once.
 */
export async function detectPythonEnvironments(options: DetectOptions): Promise<PythonEnvironment[]> {
  const env = options.env ?? process.env;
  const candidates: { command: string; source: PythonSource }[] = [];
  if (options.chosen) candidates.push({ command: options.chosen, source: 'chosen' });
  if (env.MLW_PYTHON) candidates.push({ command: env.MLW_PYTHON, source: 'MLW_PYTHON' });
  if (process.platform !== 'win32') candidates.push({ command: '/usr/bin/python3', source: 'system' });
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    candidates.push({
      command: join(dir, process.platform === 'win32' ? 'python.exe' : 'python3'),
      source: 'PATH',
    });
  }
  const seen = new Set<string>();
  const unique: typeof candidates = [];
  for (const candidate of candidates) {
    const resolved = await realpath(candidate.command).catch(() => undefined);
    if (resolved === undefined && candidate.source === 'PATH') continue;
    const key = resolved ?? candidate.command;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(candidate);
  }
  return Promise.all(unique.map((candidate) => probe(candidate, options)));
}

/** The first environment that ran and has `module` (e.g. 'torch'), for a conversion that needs it. */
export function pickEnvironment(
  environments: PythonEnvironment[],
  module: keyof PythonPackages,
): PythonEnvironment | undefined {
  return environments.find((environment) => environment.packages?.[module] && environment.packages.onnx);
}

function probe(
  candidate: { command: string; source: PythonSource },
  options: DetectOptions,
): Promise<PythonEnvironment> {
  return new Promise((resolve) => {
    execFile(
      candidate.command,
      [join(options.convertersDir, 'environment.py')],
      { timeout: options.timeoutMs ?? 60_000, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) {
          const problem =
            'code' in error && error.code === 'ENOENT'
              ? 'not found'
              : (stderr.trim() || error.message).slice(-500);
          return resolve({ ...candidate, problem });
        }
        const parsed = environmentSchema.safeParse(safeJson(stdout.trim().split('\n').pop() ?? ''));
        if (!parsed.success)
          return resolve({
            ...candidate,
            problem: `environment.py printed no report: ${stdout.slice(0, 200)}`,
          });
        resolve({ ...candidate, ...parsed.data });
      },
    );
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
