import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  preloadPath: string;
  /** Chosen from the OS theme so the first frame matches the renderer's own background. */
  dark: boolean;
  /** DevTools stay reachable in development only; a packaged app has no use for them. */
  devTools: boolean;
  title?: string;
}

/** The renderer's body colours in each theme (Mantine's dark-7 and white). */
export const windowBackground = { dark: '#242424', light: '#ffffff' } as const;

/**
 * Every web preference that matters for security is spelled out, even where Electron's default is
 * already safe, so a future default change or a copied template cannot weaken the window silently.
 */
export function windowOptions({
  preloadPath,
  dark,
  devTools,
  title = 'MLOps Workbench',
}: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title,
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    backgroundColor: dark ? windowBackground.dark : windowBackground.light,
    // Shown on ready-to-show, so the user never sees a white flash or a half-painted shell.
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools,
    },
  };
}
