import Editor, { type OnMount } from '@monaco-editor/react';
import { useComputedColorScheme } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { monaco } from '../../notebooks/editor/monacoSetup.js';

/** A JSON request body in Monaco; Ctrl/Cmd+Enter sends it. */
export function RequestEditor({
  value,
  onChange,
  onSend,
}: {
  value: string;
  onChange: (value: string) => void;
  onSend: () => void;
}) {
  const scheme = useComputedColorScheme('light');
  const send = useRef(onSend);
  useEffect(() => {
    send.current = onSend;
  });
  const onMount: OnMount = (editor) => {
    editor.addAction({
      id: 'mlw.sendRequest',
      label: 'Send the request',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
      run: () => send.current(),
    });
  };
  return (
    <div style={{ flex: 1, minHeight: 0 }} data-testid="try-body">
      <Editor
        value={value}
        language="json"
        theme={scheme === 'dark' ? 'vs-dark' : 'vs'}
        onChange={(text) => onChange(text ?? '')}
        onMount={onMount}
        options={{
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          lineNumbersMinChars: 3,
          fontSize: 13,
          automaticLayout: true,
          fixedOverflowWidgets: true,
          tabSize: 2,
          padding: { top: 6, bottom: 6 },
          editContext: false,
        }}
      />
    </div>
  );
}
