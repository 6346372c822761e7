import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker.js?worker';
import TsWorker from 'monaco-editor/language/typescript/ts.worker.js?worker';

/**
 * @monaco-editor/react loads Monaco from a CDN by default; the CSP and offline machines forbid that,
 * so it gets the bundled package, and Monaco's own workers come from our origin through Vite.
 */
self.MonacoEnvironment = {
  getWorker(_id: string, label: string): Worker {
    if (label === 'typescript' || label === 'javascript') return new TsWorker();
    // Request bodies (the Containers Try tab) are JSON: its worker validates and folds them.
    if (label === 'json') return new JsonWorker();
    return new EditorWorker();
  },
};

loader.config({ monaco });

// JavaScript cells see the `mlw` API; declaring it gives completion and hides "cannot find name".
monaco.typescript.javascriptDefaults.addExtraLib(
  `declare const mlw: {
  sql(query: string, options?: { limit?: number }): Promise<{ columns: { name: string; type: string }[]; rows: Record<string, unknown>[]; totalRows: number; truncated: boolean }>;
  datasets(): Promise<{ slug: string; name: string; rows: number; columns: { name: string; type: string }[] }[]>;
  table(data: unknown): void;
  chart(spec: { type: 'histogram' | 'bar' | 'line' | 'scatter' | 'box'; data: unknown; x: string; y?: string; title?: string; bins?: number }): void;
  print(...values: unknown[]): void;
  markdown(text: string): void;
};`,
  'mlw.d.ts',
);
monaco.typescript.javascriptDefaults.setCompilerOptions({
  target: monaco.typescript.ScriptTarget.ES2020,
  allowNonTsExtensions: true,
  lib: ['es2020'],
});

export { monaco };
