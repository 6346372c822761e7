import Editor, { type OnMount } from '@monaco-editor/react';
import { useComputedColorScheme } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { CellLanguage } from '../../../../shared/contract/notebooks.js';
import { monaco } from './monacoSetup.js';

export interface EditorKeys {
  /** Shift+Enter: run and move to the next cell. */
  runAndAdvance: () => void;
  /** Ctrl/Cmd+Enter: run in place. */
  run: () => void;
  /** Alt+Enter: run and insert a cell below. */
  insertBelow: () => void;
  /** Escape: leave the editor (command mode). */
  escape: () => void;
}

const LINE_HEIGHT = 19;

/** A Monaco editor sized to its content, like a Jupyter cell; the error line is marked. */
export function CodeEditor(props: {
  value: string;
  language: CellLanguage | 'markdown';
  onChange: (value: string) => void;
  keys: EditorKeys;
  errorAt?: { line: number; column?: number; message: string } | undefined;
  onFocus?: () => void;
  onBlur?: () => void;
  /** The editor takes the keyboard each time this changes to a positive number. */
  focusSignal?: number;
}) {
  const scheme = useComputedColorScheme('light');
  const [height, setHeight] = useState(LINE_HEIGHT * Math.max(2, props.value.split('\n').length) + 12);
  const editorRef = useRef<Parameters<OnMount>[0] | null>(null);
  // Monaco keeps the first handlers it is given; read the newest through a ref.
  const keys = useRef(props.keys);
  const events = useRef({ onFocus: props.onFocus, onBlur: props.onBlur });
  useEffect(() => {
    keys.current = props.keys;
    events.current = { onFocus: props.onFocus, onBlur: props.onBlur };
  });

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    const { KeyMod, KeyCode } = monaco;
    // Actions, not addCommand: Monaco shares addCommand keybindings across editors, so with many
    // cells the last one mounted would win; an action belongs to its own editor.
    const bind = (id: string, keybinding: number, run: () => void, precondition?: string): void => {
      editor.addAction({
        id: `mlw.${id}`,
        label: id,
        keybindings: [keybinding],
        run,
        ...(precondition ? { precondition } : {}),
      });
    };
    bind('runAndAdvance', KeyMod.Shift | KeyCode.Enter, () => keys.current.runAndAdvance());
    bind('run', KeyMod.CtrlCmd | KeyCode.Enter, () => keys.current.run());
    bind('insertBelow', KeyMod.Alt | KeyCode.Enter, () => keys.current.insertBelow());
    bind(
      'escape',
      KeyCode.Escape,
      () => keys.current.escape(),
      '!suggestWidgetVisible && !findWidgetVisible',
    );
    editor.onDidContentSizeChange(({ contentHeight }) =>
      setHeight(Math.max(LINE_HEIGHT * 2 + 12, contentHeight)),
    );
    editor.onDidFocusEditorText(() => events.current.onFocus?.());
    editor.onDidBlurEditorText(() => events.current.onBlur?.());
    if ((props.focusSignal ?? 0) > 0) editor.focus();
  };

  useEffect(() => {
    if ((props.focusSignal ?? 0) > 0) editorRef.current?.focus();
  }, [props.focusSignal]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    const error = props.errorAt;
    monaco.editor.setModelMarkers(
      model,
      'mlw',
      error
        ? [
            {
              severity: monaco.MarkerSeverity.Error,
              message: error.message,
              startLineNumber: error.line,
              endLineNumber: error.line,
              startColumn: error.column ?? 1,
              endColumn: error.column
                ? error.column + 1
                : model.getLineMaxColumn(Math.min(error.line, model.getLineCount())),
            },
          ]
        : [],
    );
  }, [props.errorAt]);

  return (
    <div style={{ height }} data-testid="cell-editor">
      <Editor
        value={props.value}
        language={props.language}
        theme={scheme === 'dark' ? 'vs-dark' : 'vs'}
        onChange={(value) => props.onChange(value ?? '')}
        onMount={onMount}
        options={{
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          lineNumbers: 'on',
          lineNumbersMinChars: 3,
          folding: false,
          fontSize: 13,
          lineHeight: LINE_HEIGHT,
          renderLineHighlight: 'none',
          guides: { indentation: false },
          overviewRulerLanes: 0,
          hideCursorInOverviewRuler: true,
          scrollbar: { vertical: 'hidden', alwaysConsumeMouseWheel: false },
          automaticLayout: true,
          wordWrap: 'on',
          padding: { top: 6, bottom: 6 },
          fixedOverflowWidgets: true,
          tabSize: 2,
          // Monaco's experimental EditContext input drops repeated keys typed quickly ("--" became
          // "-" in our tests); the classic hidden textarea does not.
          editContext: false,
        }}
      />
    </div>
  );
}
