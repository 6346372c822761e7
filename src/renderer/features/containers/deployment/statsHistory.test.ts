import { describe, expect, it } from 'vitest';
import { appendSample } from './statsHistory.js';

const at = (s: number) => ({ at: s * 1000, cpuPercent: s, memoryBytes: s * 1e6 });

describe('appendSample', () => {
  it('keeps the last minute', () => {
    let samples = [at(0)];
    for (let s = 2; s <= 70; s += 2) samples = appendSample(samples, at(s));
    expect(samples[0]!.at).toBe(12_000);
    expect(samples.at(-1)!.at).toBe(70_000);
  });

  it('keeps a repeated reading once', () => {
    expect(appendSample([at(1)], at(1))).toHaveLength(1);
  });
});
