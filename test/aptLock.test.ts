import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const engines = join(import.meta.dirname, '..', 'scripts', 'engines.sh');
const python = '/usr/bin/python3';
const dpkgLock = '/var/lib/dpkg/lock-frontend';
// apt and dpkg take fcntl locks, which flock(1) does not see, so Python holds the lock as apt would.
const holdLock = `
import fcntl, sys, time
f = open(sys.argv[1], 'w')
fcntl.lockf(f, fcntl.LOCK_EX)
print('held', flush=True)
time.sleep(float(sys.argv[2]))
`;

const canRun = process.getuid?.() === 0 && existsSync(python) && existsSync(dpkgLock);

interface Outcome {
  code: number | null;
  output: string;
}

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Holds the dpkg lock for `seconds`; resolves once it is held, with a promise of its release. */
function holdDpkgLock(seconds: number): Promise<{ released: Promise<Outcome> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, ['-c', holdLock, dpkgLock, String(seconds)]);
    const released = new Promise<Outcome>((done) => child.on('close', (code) => done({ code, output: '' })));
    child.stdout.once('data', () => resolve({ released }));
    child.once('error', reject);
  });
}

/** `apt-get check` takes the dpkg lock and changes nothing, so it stands in for an install. */
const aptCheck = (env: Record<string, string> = {}) =>
  run('bash', ['-c', `source ${engines}; apt_get check`], env);

describe.skipIf(!canRun)('engines.sh and a package lock held by another apt', () => {
  it('plain apt-get fails at once while the lock is held, which is what broke npm test', async () => {
    const { released } = await holdDpkgLock(3);
    const outcome = await run('apt-get', ['check']);
    await released;
    expect(outcome.code).toBe(100);
  });

  it('waits for the lock, saying who holds it, and then goes on', async () => {
    const started = performance.now();
    const { released } = await holdDpkgLock(3);
    const outcome = await aptCheck();
    await released;
    expect(outcome.output).toMatch(
      /waiting for the package lock: \/var\/lib\/dpkg\/lock-frontend is held by pid \d+ \(python3\)/,
    );
    expect(outcome.code).toBe(0);
    expect(performance.now() - started).toBeGreaterThan(2_000);
  });

  it('gives up after the bounded wait with a message that names the holder and what to do', async () => {
    const { released } = await holdDpkgLock(6);
    const outcome = await aptCheck({ MLW_APT_LOCK_TIMEOUT_S: '2' });
    await released;
    expect(outcome.code).toBe(1);
    expect(outcome.output).toContain('gave up after 2 s: /var/lib/dpkg/lock-frontend is held by pid');
    expect(outcome.output).toContain('Let that apt or dpkg run finish (or stop it), then run this again');
  });
});
