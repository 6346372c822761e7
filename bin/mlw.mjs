#!/usr/bin/env node
// `mlw` from a checkout or an install: the CLI is part of the app's build (npm install builds it).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(entry)) {
  console.error('mlw: the workbench is not built yet.\n  hint: run `npm run build` in the workbench folder.');
  process.exit(1);
}
await import(entry);
