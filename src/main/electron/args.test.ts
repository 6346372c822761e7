import { describe, expect, it } from 'vitest';
import { pathOption } from './args.js';

describe('pathOption', () => {
  const argv = (...args: string[]) => ['/usr/bin/electron', 'out/main/index.js', ...args];

  it('reads --name VALUE and --name=VALUE, resolved against the working folder', () => {
    expect(pathOption(argv('--workspace', '/data/ws'), '--workspace', '/home/me')).toBe('/data/ws');
    expect(pathOption(argv('--workspace=ws'), '--workspace', '/home/me')).toBe('/home/me/ws');
    expect(pathOption(argv('--enable-logging', '--workspace', 'a b'), '--workspace', '/home/me')).toBe(
      '/home/me/a b',
    );
  });

  it('is undefined when the option is missing or has no value', () => {
    expect(pathOption(argv(), '--workspace')).toBeUndefined();
    expect(pathOption(argv('--workspace'), '--workspace')).toBeUndefined();
    expect(pathOption(argv('--workspace', '--user-data-dir', '/x'), '--workspace')).toBeUndefined();
    expect(pathOption(argv('--workspace='), '--workspace')).toBeUndefined();
    expect(pathOption(argv('--workspaces', '/x'), '--workspace')).toBeUndefined();
  });
});
