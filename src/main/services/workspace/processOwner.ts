import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * Who owns a scratch entry or an exchange folder: `<host>-<pid>-<start>`, the host a short hash of
 * its name, `start` the process's start time (Linux: clock ticks since boot from /proc, so a reused
 * pid does not pass for its dead owner; elsewhere the start in ms, checked by pid alone). Naming
 * what a process leaves by its owner lets any later process remove it once the owner is dead, and
 * never while it lives, whatever its age.
 */
export interface ProcessOwner {
  host: string;
  pid: number;
  start: string;
}

const HOST = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
const OWNER = /^([0-9a-f]{8})-(\d+)-(\d+)(?=$|[.-])/;

function startOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)", which may itself hold spaces or parentheses; starttime is field 22.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

const PROC = startOf(process.pid) !== undefined;
const OWN_START = startOf(process.pid) ?? String(Math.round(performance.timeOrigin));

/** This process's owner token. */
export const thisProcessOwner = `${HOST}-${process.pid}-${OWN_START}`;

export function parseOwner(name: string): ProcessOwner | undefined {
  const match = OWNER.exec(name);
  if (!match) return undefined;
  return { host: match[1] ?? '', pid: Number(match[2]), start: match[3] ?? '' };
}

/**
 * Whether the owner named at the start of `name` is alive: true or false for a process of this
 * machine, undefined when that cannot be told (another machine sharing the folder, no owner token).
 */
export function ownerAlive(name: string): boolean | undefined {
  const owner = parseOwner(name);
  if (!owner || owner.host !== HOST) return undefined;
  if (owner.pid === process.pid) return owner.start === OWN_START;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: a process of another user has that pid, so it lives (it may be ours under sudo).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return PROC ? startOf(owner.pid) === owner.start : true;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The one rule for what processes leave behind in `dir` (entries whose names start with `prefix`):
 * an entry whose owner is dead goes; one whose owner lives stays; one whose owner cannot be told
 * (another machine, a name from before owner tokens) goes only when untouched for `olderThanMs`.
 * Returns the names removed.
 */
export async function sweepDeadOwners(
  dir: string,
  options: { prefix?: string; olderThanMs?: number; now?: number } = {},
): Promise<string[]> {
  const prefix = options.prefix ?? '';
  const cutoff = (options.now ?? Date.now()) - (options.olderThanMs ?? DAY_MS);
  const removed: string[] = [];
  for (const name of await readdir(dir).catch((): string[] => [])) {
    if (!name.startsWith(prefix)) continue;
    const path = join(dir, name);
    const alive = ownerAlive(name.slice(prefix.length));
    let remove = alive === false;
    if (alive === undefined) {
      const facts = await stat(path).catch(() => undefined);
      remove = facts !== undefined && facts.mtimeMs < cutoff;
    }
    if (!remove) continue;
    try {
      await rm(path, { recursive: true, force: true });
      removed.push(name);
    } catch {
      // In use on a system that refuses to remove open files (Windows): the next sweep tries again.
    }
  }
  return removed;
}
