/**
 * Maps a scroll position to rows when the table is taller than a browser can scroll: Chromium
 * stops growing an element near 2^25 px, and 20M rows at 28 px are 560M px. The spacer is capped
 * and the scrollbar maps linearly onto the rows, so its thumb still stands for the whole total;
 * below the cap the mapping is exact, one pixel per pixel.
 */
export const MAX_SPACER_PX = 8_000_000;

export interface RowWindow {
  /** Height of the scrollable spacer below the header. */
  spacerHeight: number;
  /** The row at the top of the body and how far (px) it is scrolled out of view. */
  topRow: number;
  topOffsetPx: number;
  /** Rows that fit in the body, partly visible ones included. */
  visibleCount: number;
  /** The largest top row: the last page is in view. */
  maxTopRow: number;
}

export function rowWindow(
  total: number,
  rowHeight: number,
  bodyHeight: number,
  scrollTop: number,
): RowWindow {
  const contentHeight = total * rowHeight;
  const spacerHeight = Math.min(contentHeight, MAX_SPACER_PX);
  const maxScroll = Math.max(0, spacerHeight - bodyHeight);
  const maxContentScroll = Math.max(0, contentHeight - bodyHeight);
  const scroll = Math.min(Math.max(0, scrollTop), maxScroll);
  const contentScroll = maxScroll === 0 ? 0 : (scroll / maxScroll) * maxContentScroll;
  const topRow = Math.floor(contentScroll / rowHeight);
  return {
    spacerHeight,
    topRow,
    topOffsetPx: contentScroll - topRow * rowHeight,
    visibleCount: Math.ceil(bodyHeight / rowHeight) + 1,
    maxTopRow: Math.max(0, Math.ceil(maxContentScroll / rowHeight)),
  };
}

/** The scrollTop that puts `row` at the top of the body (the inverse of rowWindow). */
export function scrollTopForRow(total: number, rowHeight: number, bodyHeight: number, row: number): number {
  const contentHeight = total * rowHeight;
  const spacerHeight = Math.min(contentHeight, MAX_SPACER_PX);
  const maxScroll = Math.max(0, spacerHeight - bodyHeight);
  const maxContentScroll = Math.max(0, contentHeight - bodyHeight);
  if (maxContentScroll === 0) return 0;
  const contentScroll = Math.min(row * rowHeight, maxContentScroll);
  return (contentScroll / maxContentScroll) * maxScroll;
}

/**
 * The pages (of `pageSize` rows) a window needs, plus the next one when `prefetch` is set so
 * scrolling on finds it ready. The caller prefetches only once the visible pages are in, so on a
 * 2-core machine the next page never competes with the first for the CPU.
 */
export function pagesFor(
  topRow: number,
  visibleCount: number,
  pageSize: number,
  total: number,
  prefetch = true,
): number[] {
  if (total <= 0) return [];
  const lastRow = Math.min(total - 1, topRow + visibleCount);
  const first = Math.floor(topRow / pageSize);
  const last = Math.floor(lastRow / pageSize);
  const lastPage = Math.floor((total - 1) / pageSize);
  const pages: number[] = [];
  for (let page = first; page <= Math.min(last + (prefetch ? 1 : 0), lastPage); page += 1) pages.push(page);
  return pages;
}
