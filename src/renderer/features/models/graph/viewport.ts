/** Screen = world × k + (x, y). */
export interface Transform {
  x: number;
  y: number;
  k: number;
}

/** Low enough to fit a model tens of thousands of ranks deep (1.1 million units tall) in one view. */
export const MIN_ZOOM = 0.0002;
export const MAX_ZOOM = 4;
export const ZOOM_STEP = 1.25;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** The whole drawing in view, centred, never enlarged past 100 %. */
export function fitTransform(content: Rect, viewWidth: number, viewHeight: number, padding = 24): Transform {
  if (content.width <= 0 || content.height <= 0 || viewWidth <= 0 || viewHeight <= 0) {
    return { x: padding, y: padding, k: 1 };
  }
  const k = clamp(
    Math.min((viewWidth - 2 * padding) / content.width, (viewHeight - 2 * padding) / content.height, 1),
    MIN_ZOOM,
    MAX_ZOOM,
  );
  return {
    k,
    x: (viewWidth - content.width * k) / 2 - content.x * k,
    y: Math.max(padding, (viewHeight - content.height * k) / 2) - content.y * k,
  };
}

/** Zooms by `factor` keeping the screen point (px, py) where it is. */
export function zoomAt(t: Transform, factor: number, px: number, py: number): Transform {
  const k = clamp(t.k * factor, MIN_ZOOM, MAX_ZOOM);
  const ratio = k / t.k;
  return { k, x: px - (px - t.x) * ratio, y: py - (py - t.y) * ratio };
}

/** Puts the world point (wx, wy) in the middle of the view, at zoom at least `minZoom`. */
export function centerOn(
  t: Transform,
  wx: number,
  wy: number,
  viewWidth: number,
  viewHeight: number,
  minZoom = 0.8,
): Transform {
  const k = Math.max(t.k, minZoom);
  return { k, x: viewWidth / 2 - wx * k, y: viewHeight / 2 - wy * k };
}

/** The part of the world the view shows. */
export function visibleWorld(t: Transform, viewWidth: number, viewHeight: number): Rect {
  return { x: -t.x / t.k, y: -t.y / t.k, width: viewWidth / t.k, height: viewHeight / t.k };
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Distance from point (px, py) to the polyline [x0, y0, x1, y1, ...]. */
export function distanceToPolyline(points: readonly number[], px: number, py: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i + 3 < points.length; i += 2) {
    const ax = points[i]!;
    const ay = points[i + 1]!;
    const bx = points[i + 2]!;
    const by = points[i + 3]!;
    const dx = bx - ax;
    const dy = by - ay;
    const length2 = dx * dx + dy * dy;
    const s = length2 === 0 ? 0 : clamp(((px - ax) * dx + (py - ay) * dy) / length2, 0, 1);
    best = Math.min(best, Math.hypot(px - (ax + s * dx), py - (ay + s * dy)));
  }
  return best;
}

/** The bounding box of a polyline, for culling. */
export function polylineBounds(points: readonly number[]): Rect {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (let i = 0; i + 1 < points.length; i += 2) {
    minX = Math.min(minX, points[i]!);
    maxX = Math.max(maxX, points[i]!);
    minY = Math.min(minY, points[i + 1]!);
    maxY = Math.max(maxY, points[i + 1]!);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** 80%, or 0.4% when far out, 0.06% further still. */
export function formatZoom(k: number): string {
  const percent = k * 100;
  if (percent < 0.1) return `${percent.toFixed(2)}%`;
  return percent < 1 ? `${percent.toFixed(1)}%` : `${Math.round(percent)}%`;
}
