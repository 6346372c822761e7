/** What the importer reads: delimited text. Extensions matter more than MIME types, which vary by OS. */
export const CSV_ACCEPT: Record<string, string[]> = {
  'text/csv': ['.csv'],
  'text/tab-separated-values': ['.tsv'],
  'text/plain': ['.txt'],
};

export const CSV_INPUT_ACCEPT = '.csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain';

export const CSV_DESCRIPTION = 'CSV, TSV or text files with a header row';
