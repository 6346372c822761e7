import Editor, { type OnMount } from '@monaco-editor/react';
import { useComputedColorScheme } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { DockerfileFinding, SourceRange } from '../../../../shared/contract/containers.js';
import { monaco } from '../../notebooks/editor/monacoSetup.js';

type MonacoEditor = Parameters<OnMount>[0];

const severities: Record<DockerfileFinding['severity'], monaco.MarkerSeverity> = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
};

/** The lint's findings as Monaco markers: the ranges are already Monaco's (1-based, end exclusive). */
function markersOf(findings: DockerfileFinding[]): monaco.editor.IMarkerData[] {
  return findings.map((finding) => ({
    severity: severities[finding.severity],
    message: `${finding.message}\n${finding.hint}`,
    source: 'Dockerfile lint',
    code: finding.rule,
    startLineNumber: finding.range.startLine,
    startColumn: finding.range.startColumn,
    endLineNumber: finding.range.endLine,
    endColumn: finding.range.endColumn,
  }));
}

/**
 * A build's Dockerfile in Monaco, its lint findings as squiggles. Read-only while the build runs;
 * Ctrl/Cmd+S saves. `reveal` moves the cursor to a range each time it changes (a finding clicked).
 */
export function DockerfileEditor({
  value,
  onChange,
  findings,
  readOnly,
  onSave,
  reveal,
}: {
  value: string;
  onChange: (value: string) => void;
  findings: DockerfileFinding[];
  readOnly: boolean;
  onSave: () => void;
  reveal: { range: SourceRange; seq: number } | undefined;
}) {
  const scheme = useComputedColorScheme('light');
  const editorRef = useRef<MonacoEditor | null>(null);
  const save = useRef(onSave);
  useEffect(() => {
    save.current = onSave;
  });

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    editor.addAction({
      id: 'mlw.saveDockerfile',
      label: 'Save Dockerfile',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS],
      run: () => save.current(),
    });
    const model = editor.getModel();
    if (model) monaco.editor.setModelMarkers(model, 'dockerfile-lint', markersOf(findings));
  };

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (model) monaco.editor.setModelMarkers(model, 'dockerfile-lint', markersOf(findings));
  }, [findings]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || !reveal) return;
    const { range } = reveal;
    editor.setSelection({
      startLineNumber: range.startLine,
      startColumn: range.startColumn,
      endLineNumber: range.endLine,
      endColumn: range.endColumn,
    });
    editor.revealRangeInCenterIfOutsideViewport({
      startLineNumber: range.startLine,
      startColumn: range.startColumn,
      endLineNumber: range.endLine,
      endColumn: range.endColumn,
    });
    editor.focus();
  }, [reveal]);

  return (
    <div
      style={{ flex: 1, minHeight: 0 }}
      data-testid="dockerfile-editor"
      data-readonly={readOnly || undefined}
    >
      <Editor
        value={value}
        language="dockerfile"
        theme={scheme === 'dark' ? 'vs-dark' : 'vs'}
        onChange={(text) => onChange(text ?? '')}
        onMount={onMount}
        options={{
          readOnly,
          readOnlyMessage: { value: 'The Dockerfile can be edited once the build has finished.' },
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          lineNumbersMinChars: 3,
          fontSize: 13,
          renderLineHighlight: 'line',
          automaticLayout: true,
          wordWrap: 'off',
          fixedOverflowWidgets: true,
          tabSize: 4,
          padding: { top: 6, bottom: 6 },
          // The classic textarea input: Monaco's EditContext drops quickly repeated keys (see CodeEditor).
          editContext: false,
        }}
      />
    </div>
  );
}
