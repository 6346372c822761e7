import { describe, expect, it } from 'vitest';
import { menuTemplate } from './menu.js';

const roles = (template: ReturnType<typeof menuTemplate>): unknown[] =>
  template.flatMap((item) => [
    item.role ?? item.label,
    ...(Array.isArray(item.submenu) ? item.submenu.map((sub) => sub.role) : []),
  ]);

describe('application menu', () => {
  it('has no reload or DevTools in a packaged app', () => {
    const packaged = roles(menuTemplate({ isPackaged: true, isMac: false }));
    expect(packaged).toEqual(['&File', 'quit', 'help', 'about']);
  });

  it('adds reload and DevTools in development', () => {
    expect(roles(menuTemplate({ isPackaged: false, isMac: false }))).toEqual([
      '&File',
      'quit',
      '&View',
      'reload',
      'toggleDevTools',
      'help',
      'about',
    ]);
  });

  it('adds the app and Edit menus on macOS', () => {
    expect(roles(menuTemplate({ isPackaged: true, isMac: true })).slice(0, 2)).toEqual([
      'appMenu',
      'editMenu',
    ]);
  });
});
