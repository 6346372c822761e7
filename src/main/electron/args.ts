import { resolve } from 'node:path';

/**
 * The value of `--name VALUE` or `--name=VALUE` in a command line, resolved as a path against `cwd`.
 * Electron's argv also carries Chromium's own switches; only the named one is read.
 */
export function pathOption(
  argv: readonly string[],
  name: string,
  cwd: string = process.cwd(),
): string | undefined {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === name) {
      const value = argv[i + 1];
      return value && !value.startsWith('--') ? resolve(cwd, value) : undefined;
    }
    if (arg?.startsWith(`${name}=`)) {
      const value = arg.slice(name.length + 1);
      return value ? resolve(cwd, value) : undefined;
    }
  }
  return undefined;
}
