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
