import Editor from '@monaco-editor/react';
import { useComputedColorScheme } from '@mantine/core';
import '../../notebooks/editor/monacoSetup.js';

/** Generated YAML in Monaco, read-only: folding, search and selection, no editing. */
export function YamlPreview({ value, stale }: { value: string; stale: boolean }) {
  const scheme = useComputedColorScheme('light');
  return (
    <div
      style={{ flex: 1, minHeight: 0, opacity: stale ? 0.55 : 1, transition: 'opacity 120ms' }}
      data-testid="export-yaml"
      data-stale={stale || undefined}
    >
      <Editor
        value={value}
        language="yaml"
        theme={scheme === 'dark' ? 'vs-dark' : 'vs'}
        options={{
          readOnly: true,
          readOnlyMessage: { value: 'A preview: change the settings on the left, then write it.' },
          domReadOnly: true,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          lineNumbersMinChars: 3,
          fontSize: 12,
          renderLineHighlight: 'none',
          automaticLayout: true,
          wordWrap: 'off',
          fixedOverflowWidgets: true,
          tabSize: 2,
          folding: true,
          padding: { top: 6, bottom: 6 },
        }}
      />
    </div>
  );
}
