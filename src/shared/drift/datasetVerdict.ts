/**
 * The data set drifts when the share of its compared columns that drift reaches `threshold`
 * (Evidently's drift_share); columns that could not be compared do not count either way.
 */
export function datasetVerdict(
  columns: readonly { drift: boolean | null }[],
  threshold: number,
): { compared: number; drifted: number; share: number | null; threshold: number; drift: boolean } {
  const compared = columns.filter((column) => column.drift !== null).length;
  const drifted = columns.filter((column) => column.drift === true).length;
  const share = compared === 0 ? null : drifted / compared;
  return { compared, drifted, share, threshold, drift: share !== null && share >= threshold };
}
