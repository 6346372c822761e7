import {
  closeSync,
  existsSync,
  ftruncateSync,
  mkdtempSync,
  openSync,
  readSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { sweepDeadOwners, thisProcessOwner } from '../../workspace/index.js';

/**
 * A file both processes open, through which big tensors cross: the writer copies the bytes in, the
 * reader copies them out, and the message carries only offset and length. On Linux it lives in
 * /dev/shm (memory, never disk); elsewhere in the temp folder, where the page cache serves it.
 * Structured-clone IPC, the alternative, serialises and pipes every byte (~1 GB/s measured here).
 */
export interface ExchangeFile {
  readonly path: string;
  write(bytes: Uint8Array, offset: number): void;
  /**
   * The bytes at offset, copied into `into` when given (a buffer the caller reuses), else into a
   * fresh aligned buffer the caller owns.
   */
  read(offset: number, length: number, into?: Uint8Array): Uint8Array;
  /** Gives back the memory of a large exchange once it is done. */
  shrink(): void;
  close(): void;
}

/** Offsets are kept 64-byte aligned so any element type can be read in place. */
export function alignOffset(offset: number): number {
  return Math.ceil(offset / 64) * 64;
}

const SHRINK_ABOVE = 64 * 1024 * 1024;

/** Exchange folders are `mlw-models-<owner>-XXXXXX`, the owner being the process that made it. */
export const EXCHANGE_PREFIX = 'mlw-models-';

export function exchangeBase(): string {
  return existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
}

/**
 * Removes the exchange folders whose owner process is dead (a run killed with SIGKILL, a crash):
 * in /dev/shm they hold memory until the next reboot. Called as each new worker starts.
 */
export function sweepDeadExchanges(base = exchangeBase()): Promise<string[]> {
  return sweepDeadOwners(base, { prefix: EXCHANGE_PREFIX });
}

/** Whether `path` is an exchange file made by createExchangeFile (the worker removes only that). */
export function isExchangePath(path: string): boolean {
  return basename(path) === 'exchange' && basename(dirname(path)).startsWith(EXCHANGE_PREFIX);
}

/** Creates the exchange in a folder only this user can enter; `close` removes both. */
export function createExchangeFile(): ExchangeFile {
  const dir = mkdtempSync(join(exchangeBase(), `${EXCHANGE_PREFIX}${thisProcessOwner}-`));
  const path = join(dir, 'exchange');
  const file = openExchange(path, 'w+');
  return {
    ...file,
    close() {
      file.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The worker's side: opens the exchange the main process created. */
export function openExchangeFile(path: string): ExchangeFile {
  return openExchange(path, 'r+');
}

function openExchange(path: string, flags: 'w+' | 'r+'): ExchangeFile {
  const fd = openSync(path, flags, 0o600);
  let highWater = 0;
  return {
    path,
    write(bytes, offset) {
      let written = 0;
      while (written < bytes.byteLength)
        written += writeSync(fd, bytes, written, bytes.byteLength - written, offset + written);
      highWater = Math.max(highWater, offset + bytes.byteLength);
    },
    read(offset, length, into) {
      const copy = into ? into.subarray(0, length) : new Uint8Array(new ArrayBuffer(length));
      let done = 0;
      while (done < length) {
        const got = readSync(fd, copy, done, length - done, offset + done);
        if (got === 0) throw new Error(`the exchange file ends before byte ${offset + length}`);
        done += got;
      }
      return copy;
    },
    shrink() {
      if (highWater <= SHRINK_ABOVE) return;
      ftruncateSync(fd, 0);
      highWater = 0;
    },
    close: () => closeSync(fd),
  };
}
