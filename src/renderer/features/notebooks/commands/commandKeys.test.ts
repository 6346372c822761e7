import { describe, expect, it } from 'vitest';
import { commandFor, DOUBLE_PRESS_MS, shortcutSections, type KeyPress } from './commandKeys.js';

const press = (key: string, mods: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});
const command = (key: string, mods?: Partial<Omit<KeyPress, 'key'>>) =>
  commandFor(press(key, mods), null, 0).command;

describe('command mode keys', () => {
  it('maps Jupyter’s single keys', () => {
    expect(command('ArrowUp')).toBe('selectPrevious');
    expect(command('k')).toBe('selectPrevious');
    expect(command('ArrowDown')).toBe('selectNext');
    expect(command('j')).toBe('selectNext');
    expect(command('a')).toBe('insertAbove');
    expect(command('b')).toBe('insertBelow');
    expect(command('m')).toBe('toMarkdown');
    expect(command('y')).toBe('toCode');
    expect(command('1')).toBe('toSql');
    expect(command('2')).toBe('toJavaScript');
    expect(command('3')).toBe('toMarkdown');
    expect(command('z')).toBe('undo');
    expect(command('Enter')).toBe('edit');
    expect(command('h')).toBe('help');
    expect(command('?', { shiftKey: true })).toBe('help');
  });

  it('runs with Shift, Ctrl/Cmd and Alt+Enter; moves with Alt+arrows; undoes with Ctrl/Cmd+Z', () => {
    expect(command('Enter', { shiftKey: true })).toBe('runAndAdvance');
    expect(command('Enter', { ctrlKey: true })).toBe('run');
    expect(command('Enter', { metaKey: true })).toBe('run');
    expect(command('Enter', { altKey: true })).toBe('runAndInsert');
    expect(command('ArrowUp', { altKey: true })).toBe('moveUp');
    expect(command('ArrowDown', { altKey: true })).toBe('moveDown');
    expect(command('z', { ctrlKey: true })).toBe('undo');
    expect(command('z', { metaKey: true })).toBe('undo');
  });

  it('leaves the app’s own shortcuts and shifted letters alone', () => {
    expect(command('k', { ctrlKey: true })).toBeNull(); // the command palette
    expect(command('1', { ctrlKey: true })).toBeNull(); // a section
    expect(command('s', { ctrlKey: true })).toBeNull(); // save has its own handler everywhere
    expect(command('z', { ctrlKey: true, shiftKey: true })).toBeNull();
    expect(command('J', { shiftKey: true })).toBeNull();
    expect(command('x')).toBeNull();
  });

  it('deletes on D D and interrupts on I I only when the second press follows soon', () => {
    const first = commandFor(press('d'), null, 1000);
    expect(first).toEqual({ command: null, pending: { key: 'd', at: 1000 } });
    expect(commandFor(press('d'), first.pending, 1000 + DOUBLE_PRESS_MS).command).toBe('delete');
    expect(commandFor(press('d'), first.pending, 1001 + DOUBLE_PRESS_MS)).toEqual({
      command: null,
      pending: { key: 'd', at: 1001 + DOUBLE_PRESS_MS },
    });
    // Another key in between breaks the pair.
    const other = commandFor(press('j'), first.pending, 1100);
    expect(other).toEqual({ command: 'selectNext', pending: null });
    expect(commandFor(press('d'), other.pending, 1200).command).toBeNull();
    const i = commandFor(press('i'), null, 0);
    expect(commandFor(press('i'), i.pending, 100).command).toBe('interrupt');
    expect(commandFor(press('d'), i.pending, 100).command).toBeNull();
  });

  it('documents a key for every command it maps', () => {
    const listed = shortcutSections('Ctrl')
      .flatMap((section) => section.shortcuts.flatMap((s) => s.keys))
      .join(' ');
    for (const key of [
      'Enter',
      'K',
      'J',
      'A',
      'B',
      'D D',
      'Z',
      'M',
      'Y',
      '1',
      '2',
      'I I',
      '?',
      'Esc',
      'Ctrl+S',
    ]) {
      expect(listed).toContain(key);
    }
  });
});
