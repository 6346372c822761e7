/**
 * Jupyter's command mode: with a cell selected but not being edited, single keys act on cells.
 * This is the key map (pure, so it is tested without a browser); useCommandMode applies it.
 */
export type Command =
  | 'edit'
  | 'selectPrevious'
  | 'selectNext'
  | 'selectFirst'
  | 'selectLast'
  | 'insertAbove'
  | 'insertBelow'
  | 'delete'
  | 'undo'
  | 'toMarkdown'
  | 'toCode'
  | 'toSql'
  | 'toJavaScript'
  | 'run'
  | 'runAndAdvance'
  | 'runAndInsert'
  | 'moveUp'
  | 'moveDown'
  | 'interrupt'
  | 'help';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** The first key of a double press (D D deletes, I I interrupts) and when it came. */
export interface Pending {
  key: 'd' | 'i';
  at: number;
}

/** How soon the second key of a double press must follow the first. */
export const DOUBLE_PRESS_MS = 800;

const single: Record<string, Command> = {
  arrowup: 'selectPrevious',
  k: 'selectPrevious',
  arrowdown: 'selectNext',
  j: 'selectNext',
  home: 'selectFirst',
  end: 'selectLast',
  a: 'insertAbove',
  b: 'insertBelow',
  z: 'undo',
  m: 'toMarkdown',
  y: 'toCode',
  '1': 'toSql',
  '2': 'toJavaScript',
  '3': 'toMarkdown',
  h: 'help',
};

/**
 * The command a key press means in command mode, if any, and the double press it may start.
 * Keys with Ctrl/Cmd other than the ones below are left alone (Ctrl+K, Ctrl+1… belong to the app).
 */
export function commandFor(
  press: KeyPress,
  pending: Pending | null,
  now: number,
): { command: Command | null; pending: Pending | null } {
  const mod = press.ctrlKey || press.metaKey;
  const key = press.key.toLowerCase();
  const none = { command: null, pending: null };
  if (key === 'enter') {
    if (press.shiftKey) return { command: 'runAndAdvance', pending: null };
    if (mod) return { command: 'run', pending: null };
    if (press.altKey) return { command: 'runAndInsert', pending: null };
    return { command: 'edit', pending: null };
  }
  if (mod) return key === 'z' && !press.shiftKey && !press.altKey ? { command: 'undo', pending: null } : none;
  if (press.altKey) {
    if (key === 'arrowup') return { command: 'moveUp', pending: null };
    if (key === 'arrowdown') return { command: 'moveDown', pending: null };
    return none;
  }
  // '?' is Shift+/ on most layouts; every other command key is unshifted (Shift+J is Jupyter's
  // "extend the selection", which we do not have, so it does nothing rather than something else).
  if (press.key === '?') return { command: 'help', pending: null };
  if (press.shiftKey) return none;
  if (key === 'd' || key === 'i') {
    const twice = pending?.key === key && now - pending.at <= DOUBLE_PRESS_MS;
    if (twice) return { command: key === 'd' ? 'delete' : 'interrupt', pending: null };
    return { command: null, pending: { key, at: now } };
  }
  return { command: single[key] ?? null, pending: null };
}

/** Keys a person types into: command keys never fire there. */
export function isTypingTarget(target: Element | null): boolean {
  return (
    target !== null &&
    target.closest(
      '.monaco-editor, input:not([type=radio]):not([type=checkbox]), textarea, select, [contenteditable=""], [contenteditable="true"]',
    ) !== null
  );
}

export interface Shortcut {
  keys: string[];
  what: string;
}

export interface ShortcutSection {
  title: string;
  shortcuts: Shortcut[];
}

/** What the help popover lists (docs/notebooks.md says the same); `mod` reads Ctrl or ⌘. */
export function shortcutSections(mod: string): ShortcutSection[] {
  return [
    {
      title: 'Command mode',
      shortcuts: [
        { keys: ['Enter'], what: 'Edit the cell' },
        { keys: ['Up', 'K'], what: 'Select the cell above' },
        { keys: ['Down', 'J'], what: 'Select the cell below' },
        { keys: ['Home', 'End'], what: 'First / last cell' },
        { keys: ['A'], what: 'Insert a cell above' },
        { keys: ['B'], what: 'Insert a cell below' },
        { keys: ['D D'], what: 'Delete the cell' },
        { keys: ['Z', `${mod}+Z`], what: 'Undo a delete, move, kind change, clear' },
        { keys: ['Alt+Up', 'Alt+Down'], what: 'Move the cell' },
        { keys: ['M', '3'], what: 'Make it Markdown' },
        { keys: ['Y'], what: 'Make it code (its last language)' },
        { keys: ['1'], what: 'Make it SQL' },
        { keys: ['2'], what: 'Make it JavaScript' },
        { keys: ['H', '?'], what: 'Show these keys' },
      ],
    },
    {
      title: 'Run (either mode)',
      shortcuts: [
        { keys: ['Shift+Enter'], what: 'Run, go to the next cell' },
        { keys: [`${mod}+Enter`], what: 'Run the cell' },
        { keys: ['Alt+Enter'], what: 'Run, insert a cell below' },
        { keys: ['I I'], what: 'Interrupt (command mode)' },
      ],
    },
    {
      title: 'Editing a cell',
      shortcuts: [
        { keys: ['Esc'], what: 'Back to command mode' },
        { keys: [`${mod}+S`], what: 'Save now (it also saves by itself)' },
      ],
    },
  ];
}
