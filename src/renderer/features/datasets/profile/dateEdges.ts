const DAY = 86_400_000;

/**
 * How a bin edge reads for the span it sits in: months over long spans, days over weeks, time of
 * day within a few days. Always UTC, as the engine sends the edges.
 */
export function dateEdgeFormatter(first: number, last: number): (value: number) => string {
  const span = last - first;
  return (value: number) => {
    const iso = new Date(value).toISOString();
    if (span >= 730 * DAY) return iso.slice(0, 7);
    if (span >= 3 * DAY) return iso.slice(0, 10);
    return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
  };
}
