import { randomUUID } from 'node:crypto';
import type { CellLanguage, NotebookCell, NotebookDocument } from '../../../shared/contract/notebooks.js';

export interface CellSeed {
  type: 'markdown' | 'code';
  language?: CellLanguage;
  source: string;
}

export function newCell(seed: CellSeed): NotebookCell {
  return {
    id: randomUUID().slice(0, 8),
    type: seed.type,
    language: seed.language ?? 'sql',
    source: seed.source,
    outputs: [],
    executionCount: null,
    elapsedMs: null,
  };
}

/** The book's notebook shape (Ingest → EDA → Modeling → Conclusion), ready for a data set. */
export function templateDocument(template: 'blank' | 'eda', dataset: string | undefined): NotebookDocument {
  if (template === 'blank') {
    return {
      cells: [
        newCell({
          type: 'code',
          language: 'sql',
          source: dataset ? `SELECT * FROM ${quote(dataset)} LIMIT 100` : '',
        }),
      ],
    };
  }
  const table = dataset ? quote(dataset) : 'my_dataset';
  return {
    cells: [
      {
        type: 'markdown',
        source: `# ${dataset ?? 'Data'}: exploratory analysis\n\nIngest → EDA → Modeling → Conclusion.`,
      },
      { type: 'markdown', source: '## Ingest' },
      { type: 'code', language: 'sql', source: `SELECT * FROM ${table} LIMIT 100` },
      { type: 'markdown', source: '## EDA' },
      { type: 'code', language: 'sql', source: `SUMMARIZE ${table}` },
      {
        type: 'code',
        language: 'javascript',
        source: `const result = await mlw.sql('SELECT * FROM ${table.replaceAll("'", "\\'")} LIMIT 5000');\nmlw.table(result);`,
      },
      { type: 'markdown', source: '## Modeling\n\nWhat would a first model predict, from which columns?' },
      { type: 'markdown', source: '## Conclusion\n\nWhat did the data show?' },
    ].map((seed) => newCell(seed as CellSeed)),
  };
}

/** A data set slug as a SQL name: bare when it is a plain identifier, quoted when it has dashes. */
function quote(slug: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(slug) ? slug : `"${slug}"`;
}
