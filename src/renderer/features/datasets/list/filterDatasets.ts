import type { DatasetManifest } from '../../../../shared/contract/index.js';

/** Case-insensitive match on the data set's name, slug or source file; every word must match. */
export function filterDatasets(datasets: DatasetManifest[], query: string): DatasetManifest[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return datasets;
  return datasets.filter((dataset) => {
    const haystack = `${dataset.name} ${dataset.slug} ${dataset.source.fileName}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}
