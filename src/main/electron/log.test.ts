import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAppLog } from './log.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-log-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('app log', () => {
  it('appends errors with their stack and warnings', async () => {
    const log = openAppLog(join(dir, 'logs'), { echo: false });
    log.error('job import', new Error('boom'));
    log.warn('Refused mlw:invoke from https://evil.example/');
    await log.close();

    const text = await readFile(join(dir, 'logs', 'main.log'), 'utf8');
    expect(text).toMatch(/^\S+ ERROR \[job import\] Error: boom\n\s+at /);
    expect(text).toMatch(/\n\S+ WARN Refused mlw:invoke from https:\/\/evil\.example\/\n$/);
  });

  it('moves a log past its size limit aside at start', async () => {
    await writeFile(join(dir, 'main.log'), 'x'.repeat(200));
    const log = openAppLog(dir, { maxBytes: 100, echo: false });
    log.warn('fresh');
    await log.close();

    expect(await readFile(join(dir, 'main.old.log'), 'utf8')).toBe('x'.repeat(200));
    expect(await readFile(join(dir, 'main.log'), 'utf8')).toMatch(/WARN fresh\n$/);
  });
});
