import type { MenuItemConstructorOptions } from 'electron';

/**
 * Deliberately small: every action lives in the window (command palette, sidebar). Reload and
 * DevTools exist in development only. On macOS the app and Edit menus are what make Cmd+Q and
 * Cmd+C/V work in text fields at all.
 */
export function menuTemplate({
  isPackaged,
  isMac,
  onOpenWorkspace,
}: {
  isPackaged: boolean;
  isMac: boolean;
  onOpenWorkspace: () => void;
}): MenuItemConstructorOptions[] {
  const macMenus: MenuItemConstructorOptions[] = isMac ? [{ role: 'appMenu' }, { role: 'editMenu' }] : [];
  const devMenus: MenuItemConstructorOptions[] = isPackaged
    ? []
    : [{ label: '&View', submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }] }];
  return [
    ...macMenus,
    {
      label: '&File',
      submenu: [
        { label: 'Open Workspace…', accelerator: 'CmdOrCtrl+Shift+O', click: onOpenWorkspace },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    ...devMenus,
    { label: '&Help', role: 'help', submenu: [{ role: 'about' }] },
  ];
}
