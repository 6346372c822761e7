import { describe, expect, it } from 'vitest';
import { menuTemplate } from './menu.js';

const roles = (template: ReturnType<typeof menuTemplate>): unknown[] =>
  template.flatMap((item) => [
    item.role ?? item.label,
    ...(Array.isArray(item.submenu)
      ? item.submenu.filter((sub) => sub.type !== 'separator').map((sub) => sub.role ?? sub.label)
      : []),
  ]);

const onOpenWorkspace = (): void => undefined;

describe('application menu', () => {
  it('opens another workspace from File', () => {
    let opened = 0;
    const [file] = menuTemplate({ isPackaged: true, isMac: false, onOpenWorkspace: () => (opened += 1) });
    const item = Array.isArray(file?.submenu) ? file.submenu[0] : undefined;
    expect(item?.accelerator).toBe('CmdOrCtrl+Shift+O');
    (item?.click as () => void)();
    expect(opened).toBe(1);
  });

  it('has no reload or DevTools in a packaged app', () => {
    const packaged = roles(menuTemplate({ isPackaged: true, isMac: false, onOpenWorkspace }));
    expect(packaged).toEqual(['&File', 'Open Workspace…', 'quit', 'help', 'about']);
  });

  it('adds reload and DevTools in development', () => {
    expect(roles(menuTemplate({ isPackaged: false, isMac: false, onOpenWorkspace }))).toEqual([
      '&File',
      'Open Workspace…',
      'quit',
      '&View',
      'reload',
      'toggleDevTools',
      'help',
      'about',
    ]);
  });

  it('adds the app and Edit menus on macOS', () => {
    expect(roles(menuTemplate({ isPackaged: true, isMac: true, onOpenWorkspace })).slice(0, 2)).toEqual([
      'appMenu',
      'editMenu',
    ]);
  });
});
