import { describe, expect, it } from 'vitest';
import { drawGraph, type DrawState } from './drawGraph.js';
import { buildGraphModel } from './graphModel.js';
import type { GraphPalette } from './graphPalette.js';
import { layoutGraph, layoutInput } from './layoutGraph.js';
import { syntheticGraph, syntheticTransformer } from './syntheticGraph.js';
import { buildGraphIndex } from './spatialIndex.js';
import { fitTransform } from './viewport.js';

/** A 2D context that only counts what would be drawn. */
function countingContext() {
  const counts = { fillText: 0, roundRect: 0, rect: 0, lineTo: 0, fill: 0 };
  const noop = () => undefined;
  const ctx = {
    setTransform: noop,
    fillRect: noop,
    beginPath: noop,
    moveTo: noop,
    closePath: noop,
    stroke: noop,
    fill: () => counts.fill++,
    lineTo: () => counts.lineTo++,
    rect: () => counts.rect++,
    roundRect: () => counts.roundRect++,
    fillText: () => counts.fillText++,
    measureText: (text: string) => ({ width: text.length * 6 }),
  } as unknown as CanvasRenderingContext2D;
  return { ctx, counts };
}

const palette: GraphPalette = {
  background: '#fff',
  edge: '#888',
  edgeLabel: '#444',
  text: '#000',
  border: '#ccc',
  accent: '#00f',
  match: '#f80',
  observed: '#088',
  mismatch: '#d00',
  fill: {
    layer: '#eef',
    activation: '#fee',
    norm: '#efe',
    shape: '#fef',
    control: '#ffe',
    io: '#fff',
    other: '#eee',
  },
};

describe('drawing', () => {
  const model = buildGraphModel(syntheticGraph(750));
  const layout = layoutGraph(layoutInput(model));
  const bounds = buildGraphIndex(layout);
  const state = (transform: DrawState['transform']): DrawState => ({
    transform,
    width: 1000,
    height: 700,
    selected: -1,
    matches: new Set(),
    current: -1,
    hoverEdge: -1,
  });

  it('draws every box without text when the whole graph is fitted', () => {
    const { ctx, counts } = countingContext();
    const fitted = fitTransform({ x: 0, y: 0, width: layout.width, height: layout.height }, 1000, 700);
    const started = performance.now();
    const drawn = drawGraph(ctx, model, layout, bounds, state(fitted), palette, 1);
    console.log(`draw calls for ${drawn} boxes at fit: ${(performance.now() - started).toFixed(1)} ms`);
    expect(drawn).toBe(model.nodes.length);
    expect(counts.fillText).toBe(0);
    expect(counts.rect).toBeGreaterThanOrEqual(model.nodes.length);
    // One fill per colour (and the arrowheads), not one per box.
    expect(counts.fill).toBeLessThan(10);
  });

  it('hands the drawing only the boxes and edges near the view of a 30,000-node graph', () => {
    const big = buildGraphModel(syntheticTransformer(1429));
    const bigLayout = layoutGraph(layoutInput(big));
    const index = buildGraphIndex(bigLayout);
    const { ctx, counts } = countingContext();
    const middle = { x: 0, y: -bigLayout.height / 2, k: 1 };
    const started = performance.now();
    const drawn = drawGraph(ctx, big, bigLayout, index, state(middle), palette, 1);
    const ms = performance.now() - started;
    console.log(`draw calls for ${drawn} of ${big.nodes.length} boxes at 100 %: ${ms.toFixed(1)} ms`);
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThan(100);
    expect(counts.lineTo).toBeLessThan(2000);
    expect(ms).toBeLessThan(50);

    // Fitted, every box is drawn but only the long edges: a short one is a fraction of a pixel.
    const fit = drawGraph(
      ctx,
      big,
      bigLayout,
      index,
      state(fitTransform({ x: 0, y: 0, width: bigLayout.width, height: bigLayout.height }, 1000, 700)),
      palette,
      1,
    );
    expect(fit).toBe(big.nodes.length);
    expect(counts.lineTo).toBeLessThan(big.edges.length / 2);
  }, 60_000);

  it('draws only what the view shows at 100 %, with labels', () => {
    const { ctx, counts } = countingContext();
    const drawn = drawGraph(ctx, model, layout, bounds, state({ x: 0, y: 0, k: 1 }), palette, 1);
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThan(60);
    // Box labels plus shape labels on the visible edges.
    expect(counts.fillText).toBeGreaterThan(drawn);
    expect(counts.roundRect).toBe(drawn);
  });
});
