import { describe, expect, it } from 'vitest';
import { windowBackground, windowOptions } from './windowOptions.js';

describe('window options', () => {
  it('isolate and sandbox the renderer, with every risky feature off', () => {
    const options = windowOptions({
      preloadPath: '/app/out/preload/index.cjs',
      dark: false,
      devTools: false,
    });
    expect(options.webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
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
      devTools: false,
    });
  });

  it('stay hidden until the first paint, at a usable size, on the theme background', () => {
    const light = windowOptions({ preloadPath: '/p.cjs', dark: false, devTools: true });
    const dark = windowOptions({ preloadPath: '/p.cjs', dark: true, devTools: true });
    expect(light.show).toBe(false);
    expect(light.backgroundColor).toBe(windowBackground.light);
    expect(dark.backgroundColor).toBe(windowBackground.dark);
    expect(light.minWidth).toBeLessThanOrEqual(light.width ?? 0);
    expect(light.minHeight).toBeLessThanOrEqual(light.height ?? 0);
    expect(dark.webPreferences?.devTools).toBe(true);
  });
});
