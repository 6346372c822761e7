import type { LayeredGraph } from './addTrunks.js';
import type { Ordering } from './orderLayers.js';

/** Gaps between neighbours in a rank: boxes, a box and an edge, two edges. */
export const NODE_SEP = 20;
const MIXED_SEP = 14;
const EDGE_SEP = 8;
/** How hard each node leans towards x = 0, against the pull of its neighbours. */
const ANCHOR = 0.1;
/** How much more a link along a long edge counts than one between two boxes. */
const DUMMY_WEIGHT = 4;
/** Towards producers, consumers, in turn, then both at once; each pass is linear in the graph's size. */
const PASSES: readonly ('up' | 'down' | 'both')[] = [
  'up',
  'down',
  'up',
  'down',
  'up',
  'down',
  'both',
  'both',
  'both',
  'both',
];

/**
 * Horizontal centres, linear time per pass: each pass moves every node towards the mean centre of its
 * neighbours in the rank above (or below, or both), as close as its rank's order and gaps allow. The
 * closest placement is an isotonic regression solved exactly by pooling adjacent violators, so boxes
 * never overlap, a chain ends up in one column and the two sides of a residual branch sit either side
 * of the node they leave from.
 */
export function placeNodes(graph: LayeredGraph, ordering: Ordering, widths: Float64Array): Float64Array {
  const { real } = graph;
  const { layers, up, down } = ordering;
  const center = new Float64Array(graph.count);
  const width = (v: number) => (v < real ? widths[v]! : 0);
  const gap = (a: number, b: number) =>
    (width(a) + width(b)) / 2 +
    (a < real && b < real ? NODE_SEP : a < real || b < real ? MIXED_SEP : EDGE_SEP);

  const longest = layers.reduce((max, layer) => Math.max(max, layer.length), 0);
  const offset = new Float64Array(longest);
  const target = new Float64Array(longest);
  const weight = new Float64Array(longest);
  const blockStart = new Int32Array(longest);
  const blockWeight = new Float64Array(longest);
  const blockSum = new Float64Array(longest);

  const offsetsOf = (layer: Int32Array) => {
    offset[0] = 0;
    for (let i = 1; i < layer.length; i++) offset[i] = offset[i - 1]! + gap(layer[i - 1]!, layer[i]!);
  };
  for (const layer of layers) {
    offsetsOf(layer);
    const half = layer.length > 0 ? offset[layer.length - 1]! / 2 : 0;
    layer.forEach((v, i) => (center[v] = offset[i]! - half));
  }

  // A link along a long edge weighs more, in the mean a node follows and in how hard it holds its
  // place, so a skip connection stays straight and the node it joins stays under it (the branch
  // beside it bends instead), and a chain of residual blocks does not drift sideways.
  const pull = (v: number, i: number, mode: 'up' | 'down' | 'both') => {
    let sum = 0;
    let total = 0;
    const follow = (u: number) => {
      const w = v < real && u < real ? 1 : DUMMY_WEIGHT;
      sum += w * center[u]!;
      total += w;
    };
    if (mode !== 'down') for (let k = up.offsets[v]!; k < up.offsets[v + 1]!; k++) follow(up.targets[k]!);
    if (mode !== 'up') for (let k = down.offsets[v]!; k < down.offsets[v + 1]!; k++) follow(down.targets[k]!);
    // A node with nothing to follow holds its place, lightly. Every node also leans a little towards
    // the middle line: following neighbours alone lets each rank's small imbalance (a branch always
    // on the same side) add up, and a model thousands of ranks deep would drift off sideways.
    const anchor = ANCHOR * Math.max(total, 1);
    target[i] = (total === 0 ? center[v]! : sum / (total + anchor)) - offset[i]!;
    weight[i] = total === 0 ? 1e-3 : total + anchor;
  };

  const placeLayer = (layer: Int32Array, mode: 'up' | 'down' | 'both') => {
    if (layer.length === 0) return;
    offsetsOf(layer);
    layer.forEach((v, i) => pull(v, i, mode));
    let blocks = 0;
    for (let i = 0; i < layer.length; i++) {
      blockStart[blocks] = i;
      blockWeight[blocks] = weight[i]!;
      blockSum[blocks] = weight[i]! * target[i]!;
      blocks++;
      while (
        blocks > 1 &&
        blockSum[blocks - 2]! / blockWeight[blocks - 2]! >= blockSum[blocks - 1]! / blockWeight[blocks - 1]!
      ) {
        blockWeight[blocks - 2]! += blockWeight[blocks - 1]!;
        blockSum[blocks - 2]! += blockSum[blocks - 1]!;
        blocks--;
      }
    }
    for (let b = 0; b < blocks; b++) {
      const value = blockSum[b]! / blockWeight[b]!;
      const end = b + 1 < blocks ? blockStart[b + 1]! : layer.length;
      for (let i = blockStart[b]!; i < end; i++) center[layer[i]!] = value + offset[i]!;
    }
  };

  for (const mode of PASSES) {
    // Following the rank above goes top-down, following the rank below bottom-up.
    if (mode === 'down') for (let r = layers.length - 1; r >= 0; r--) placeLayer(layers[r]!, mode);
    else for (const layer of layers) placeLayer(layer, mode);
  }
  return center;
}
