import type { Page } from '@playwright/test';

/** Frame times (requestAnimationFrame deltas) in the page while `act` runs: p50, p95 and the longest. */
export async function frameTimes(page: Page, act: () => Promise<void>) {
  await page.evaluate(() => {
    const w = globalThis as unknown as {
      frames: number[];
      recording: boolean;
      requestAnimationFrame: (tick: (now: number) => void) => void;
    };
    w.frames = [];
    w.recording = true;
    let last = performance.now();
    const tick = (now: number) => {
      w.frames.push(now - last);
      last = now;
      if (w.recording) w.requestAnimationFrame(tick);
    };
    w.requestAnimationFrame(tick);
  });
  await act();
  const frames = await page.evaluate(() => {
    const w = globalThis as unknown as { frames: number[]; recording: boolean };
    w.recording = false;
    return w.frames.slice(1);
  });
  const sorted = [...frames].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { count: frames.length, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] ?? 0 };
}
