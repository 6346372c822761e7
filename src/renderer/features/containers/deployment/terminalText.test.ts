import { describe, expect, it } from 'vitest';
import { withoutTerminalCodes } from './terminalText.js';

const ESC = String.fromCharCode(27);

describe('withoutTerminalCodes', () => {
  it('drops colour codes, as ONNX Runtime writes its warnings', () => {
    expect(withoutTerminalCodes(`${ESC}[0;93m2026-12-07 [W:onnxruntime] No CA bundle${ESC}[m`)).toBe(
      '2026-12-07 [W:onnxruntime] No CA bundle',
    );
  });

  it('drops a window title and leaves plain text and brackets alone', () => {
    expect(withoutTerminalCodes(`${ESC}]0;title${String.fromCharCode(7)}[info] a [b]`)).toBe('[info] a [b]');
  });
});
