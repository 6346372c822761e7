const ESC = String.fromCharCode(27);
/** CSI sequences (colours, cursor moves) and OSC titles, as ONNX Runtime's own logger writes them. */
const CONTROL = new RegExp(
  `${ESC}\\[[0-9;?]*[ -/]*[@-~]|${ESC}\\][^${String.fromCharCode(7)}]*${String.fromCharCode(7)}`,
  'g',
);

/** A log line without the terminal's control sequences, which show as `[0;93m` outside a terminal. */
export function withoutTerminalCodes(text: string): string {
  return text.replace(CONTROL, '');
}
