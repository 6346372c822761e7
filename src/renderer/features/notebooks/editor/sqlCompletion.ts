import type { DatasetManifest } from '../../../../shared/contract/datasets.js';
import { monaco } from './monacoSetup.js';

let current: DatasetManifest[] = [];
let registered = false;

const SQL_WORDS = [
  'SELECT',
  'FROM',
  'WHERE',
  'GROUP BY',
  'ORDER BY',
  'LIMIT',
  'HAVING',
  'JOIN',
  'SUMMARIZE',
  'DESCRIBE',
  'COUNT',
  'AVG',
  'STDDEV',
  'MEDIAN',
  'QUANTILE_CONT',
];

const quoted = (name: string): string =>
  /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;

/**
 * Completes data set (view) names and their columns in SQL cells. One provider for every editor;
 * the list it reads is replaced whenever datasets.list changes.
 */
export function updateSqlCompletion(datasets: DatasetManifest[] | undefined): void {
  current = datasets ?? current;
  if (registered) return;
  registered = true;
  monaco.languages.registerCompletionItemProvider('sql', {
    triggerCharacters: ['.'],
    provideCompletionItems(model, position) {
      const word = model.getWordUntilPosition(position);
      const range = {
        startLineNumber: position.lineNumber,
        endLineNumber: position.lineNumber,
        startColumn: word.startColumn,
        endColumn: word.endColumn,
      };
      const { Field, Struct, Keyword } = monaco.languages.CompletionItemKind;
      const text = model.getValue().toLowerCase();
      const suggestions = [
        ...current.map((d) => ({
          label: d.slug,
          kind: Struct,
          detail: `data set · ${d.rows.toLocaleString('en-US')} rows`,
          insertText: quoted(d.slug),
          range,
          sortText: `1${d.slug}`,
        })),
        // Columns of the data sets the cell mentions come first; the others follow.
        ...current.flatMap((d) =>
          d.columns.map((c) => ({
            label: c.name,
            kind: Field,
            detail: `${d.slug} · ${c.type}`,
            insertText: quoted(c.name),
            range,
            sortText: `${text.includes(d.slug) ? 0 : 2}${c.name}`,
          })),
        ),
        ...SQL_WORDS.map((w) => ({ label: w, kind: Keyword, insertText: w, range, sortText: `3${w}` })),
      ];
      return { suggestions };
    },
  });
}
