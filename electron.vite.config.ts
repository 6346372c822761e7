import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// One build serves all three hosts: the Electron main entry, the browser-mode server and the `mlw`
// CLI share the same services bundle; the renderer is built once and served by Electron or the server.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/main/electron/main.ts'),
          browser: resolve(import.meta.dirname, 'src/main/server/main.ts'),
          cli: resolve(import.meta.dirname, 'src/main/cli/main.ts'),
          // Forked (or started as Electron's utilityProcess) to hold ONNX Runtime sessions.
          modelWorker: resolve(import.meta.dirname, 'src/main/services/models/runtime/workerMain.ts'),
          // The same for DuckDB: imports, profiles, table pages and notebook SQL run in it.
          dataWorker: resolve(import.meta.dirname, 'src/main/services/duckdb/workerMain.ts'),
          // Worker threads of the data worker, which sort and test drift columns on every core.
          columnThread: resolve(import.meta.dirname, 'src/main/services/duckdb/drift/columnThreadMain.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only 'electron', so the contract (and zod) is bundled in.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        // Sandboxed preloads cannot be ES modules.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    build: {
      outDir: 'out/renderer',
      minify: true,
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') } },
    },
    plugins: [react()],
  },
});
