import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The files an absolute `Include` path names, as glob(3) finds them for ssh: `*`, `?` and `[…]` in
 * any part of the path, names sorted, and a leading dot matched only by a pattern that starts with
 * one. A path without wildcards is returned as it is; whether it exists is the reader's affair.
 */
export function includedFiles(pattern: string): string[] {
  let paths = ['/'];
  for (const part of pattern.split('/').filter(Boolean)) {
    if (!/[*?[]/.test(part)) {
      paths = paths.map((path) => join(path, part));
      continue;
    }
    const matcher = partPattern(part);
    paths = paths.flatMap((dir) =>
      listed(dir)
        .filter((name) => matcher.test(name) && (part.startsWith('.') || !name.startsWith('.')))
        .sort()
        .map((name) => join(dir, name)),
    );
  }
  return paths;
}

function listed(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** One path part's glob as a regular expression: `[!…]` negates a class, as in glob(7). */
function partPattern(part: string): RegExp {
  let source = '';
  for (let i = 0; i < part.length; i += 1) {
    const char = part[i] as string;
    const classEnd = char === '[' ? part.indexOf(']', i + 2) : -1;
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else if (classEnd > 0) {
      const body = part.slice(i + 1, classEnd);
      source += `[${body.startsWith('!') ? `^${escapeClass(body.slice(1))}` : escapeClass(body)}]`;
      i = classEnd;
    } else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

/** Inside a class only `\`, `]` and `^` mean anything to RegExp; a range's `-` stays a range. */
function escapeClass(body: string): string {
  return body.replace(/[\\\]^]/g, '\\$&');
}
