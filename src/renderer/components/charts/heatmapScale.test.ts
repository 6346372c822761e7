import { describe, expect, it } from 'vitest';
import { heatmapColor, heatmapTextColor } from './heatmapScale.js';

describe('heatmapColor', () => {
  it('mixes toward the positive or negative end by strength', () => {
    expect(heatmapColor(1, 'diverging')).toBe('color-mix(in oklab, #d9480f 100%, var(--heatmap-neutral))');
    expect(heatmapColor(-0.25, 'diverging')).toBe('color-mix(in oklab, #1971c2 25%, var(--heatmap-neutral))');
    expect(heatmapColor(0, 'diverging')).toContain(' 0%');
  });
  it('uses one hue for a 0..1 measure', () => {
    expect(heatmapColor(0.5, 'sequential')).toBe('color-mix(in oklab, #7048e8 50%, var(--heatmap-neutral))');
  });
  it('leaves a value that could not be computed blank', () => {
    expect(heatmapColor(null, 'diverging')).toBe('transparent');
  });
  it('puts light text on strong cells only', () => {
    expect(heatmapTextColor(0.9)).toBe('#fff');
    expect(heatmapTextColor(-0.2)).toBe('var(--mantine-color-text)');
  });
});
