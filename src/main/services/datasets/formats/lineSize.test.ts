import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLongLine } from './lineSize.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-lines-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function scan(content: string, maxLineSize: number) {
  const path = join(dir, `${crypto.randomUUID()}.csv`);
  await writeFile(path, content);
  return findLongLine(path, maxLineSize);
}

describe('the long-line scan', () => {
  it('counts the line break as DuckDB does: a line of max - 1 bytes fits, one of max does not', async () => {
    expect(await scan(`a\n${'x'.repeat(9)}\nb\n`, 10)).toBeUndefined();
    expect(await scan(`a\n${'x'.repeat(10)}\nb\n`, 10)).toEqual({ line: 2, bytes: 10 });
  });

  it('measures a CR LF line without its line break, and a last line without one', async () => {
    expect(await scan(`a\r\n${'x'.repeat(20)}\r\nb\r\n`, 10)).toEqual({ line: 2, bytes: 20 });
    expect(await scan(`a\nb\n${'x'.repeat(20)}`, 10)).toEqual({ line: 3, bytes: 20 });
  });

  it('finds a long line across read chunks, after many short lines and a limit smaller than a chunk', async () => {
    const short = 'abc,def\n'.repeat(500_000);
    expect(await scan(`${short}${'x'.repeat(3_000_000)}\nend\n`, 2_000_000)).toEqual({
      line: 500_001,
      bytes: 3_000_000,
    });
    expect(await scan(`${short}${'y'.repeat(700)}\n`, 100)).toEqual({ line: 500_001, bytes: 700 });
    expect(await scan(short, 100)).toBeUndefined();
  });

  it('looks only in the first bytes when told to, and still measures a line that runs past them', async () => {
    const path = join(dir, 'within.csv');
    await writeFile(path, `${'a,b\n'.repeat(1_000_000)}${'x'.repeat(50)}\n`);
    expect(await findLongLine(path, 10, undefined, 1 << 20)).toBeUndefined();
    await writeFile(path, `a,b\n${'x'.repeat(3_000_000)}\n`);
    expect(await findLongLine(path, 100, undefined, 1 << 20)).toEqual({ line: 2, bytes: 3_000_000 });
  });
});
