/** What the importer reads. Extensions matter more than MIME types, which vary by OS. */
export const CSV_ACCEPT: Record<string, string[]> = {
  'text/csv': ['.csv'],
  'text/tab-separated-values': ['.tsv', '.tab'],
  'text/plain': ['.txt'],
  'application/json': ['.json'],
  'application/x-ndjson': ['.ndjson', '.jsonl'],
  'application/vnd.apache.parquet': ['.parquet', '.pq'],
};

export const CSV_INPUT_ACCEPT = [
  ...Object.values(CSV_ACCEPT).flat(),
  'text/csv',
  'text/tab-separated-values',
  'text/plain',
  'application/json',
].join(',');

export const CSV_DESCRIPTION = 'CSV, TSV, Parquet, JSON or NDJSON files';
