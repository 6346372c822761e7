import { useCallback, useRef, type ReactElement } from 'react';
import { CSV_INPUT_ACCEPT } from './csvFiles.js';

/**
 * A native file input the Data screen's "Choose file" button and the command palette both open.
 * Its value is cleared after each pick so choosing the same file twice imports it twice.
 */
export function useCsvPicker(onFile: (file: File) => void): { open: () => void; input: ReactElement } {
  const ref = useRef<HTMLInputElement>(null);
  const open = useCallback(() => ref.current?.click(), []);
  const input = (
    <input
      ref={ref}
      type="file"
      accept={CSV_INPUT_ACCEPT}
      hidden
      data-testid="csv-file-input"
      onChange={(event) => {
        const file = event.currentTarget.files?.[0];
        event.currentTarget.value = '';
        if (file) onFile(file);
      }}
    />
  );
  return { open, input };
}
