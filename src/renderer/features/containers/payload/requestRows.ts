import { formatCount } from '../../../../shared/format/numbers.js';

/**
 * How many requests of `batch` rows the rows first..last of a data set make, at most `most`: what the
 * service reads (datasetPayload's rowsToRead), so a caption says what will be sent.
 */
export function requestsFromRows(
  range: { first: number; last: number },
  batch: number,
  most: number,
): number {
  return Math.min(most, Math.floor((range.last - range.first + 1) / batch));
}

/**
 * A data set's rows caption: the rows first.. that the requests of `batch` rows read (fewer where the
 * data set ends first), then `made`, what those requests are; or that too few rows are left for one.
 */
export function requestRowsCaption(
  range: { first: number; last: number; total: number },
  batch: number,
  most: number,
  made: (requests: number) => string,
): string {
  const requests = requestsFromRows(range, batch, most);
  return requests > 0
    ? `Rows ${formatCount(range.first)}–${formatCount(range.first + requests * batch - 1)} of ${formatCount(range.total)}: ${made(requests)}`
    : `Too few rows from row ${formatCount(range.first)} for a request of ${batch} rows`;
}
