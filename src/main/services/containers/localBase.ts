import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { posix } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import tarStream from 'tar-stream';
import { WorkbenchError } from '../../../shared/contract/errors.js';
import { SERVER_UID } from './serverImage.js';

const run = promisify(execFile);

/** A Node base image made from this machine's files, for engines that cannot pull one. */
export interface LocalBasePlan {
  /** The `node` binary to copy in; its libraries (and those of `extraLibrariesOf`) come along. */
  nodeBinary: string;
  /** Native modules the image will load (ONNX Runtime): their libraries are copied in too. */
  extraLibrariesOf: string[];
  /** A static busybox, so the image has a shell for RUN steps and `docker exec`. */
  busybox: string;
}

interface RootfsFile {
  name: string;
  source: string;
  mode: number;
}

/** Every shared library `ldd` names for these files, by the path the loader will look for. */
async function sharedLibraries(files: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const file of files) {
    const { stdout } = await run('ldd', [file]).catch((error: unknown) => {
      throw new WorkbenchError(
        {
          code: 'INVALID_INPUT',
          message: `The libraries of ${file} could not be listed with ldd, so no base image can be made from it.`,
          hint: 'A local base needs a dynamically linked Linux binary and the ldd command.',
        },
        { cause: error },
      );
    });
    for (const line of stdout.split('\n')) {
      // "libm.so.6 => /lib/x86_64-linux-gnu/libm.so.6 (0x…)" or "/lib64/ld-linux-x86-64.so.2 (0x…)"
      const match = /^\s*(?:(\S+) => )?(\/\S+) \(0x[0-9a-f]+\)$/.exec(line);
      if (!match?.[2]) continue;
      const path = match[2];
      // A library found beside the module (libonnxruntime.so.1) ships with the module, not the base.
      if (files.some((f) => posix.dirname(f) === posix.dirname(path))) continue;
      found.set(path, await realpath(path));
    }
  }
  return found;
}

async function applets(busybox: string): Promise<string[]> {
  const { stdout } = await run(busybox, ['--list']);
  return stdout.split('\n').filter((name) => /^[\w.[-]+$/.test(name) && name !== 'busybox');
}

/**
 * A root file system as a tar stream (what `docker import` takes): Node at /usr/local/bin/node,
 * the C and C++ runtime it and ONNX Runtime link against, busybox as /bin/sh and its applets, and
 * /etc/passwd with the non-root user the serving image runs as.
 */
export async function localNodeBaseRootfs(plan: LocalBasePlan): Promise<Readable> {
  for (const path of [plan.nodeBinary, plan.busybox, ...plan.extraLibrariesOf]) {
    const facts = await stat(path).catch(() => undefined);
    if (!facts?.isFile())
      throw new WorkbenchError({
        code: 'NOT_FOUND',
        message: `${path} is not a file, so the local base image cannot include it.`,
        hint: 'Install Node and busybox-static (apt-get install busybox-static), or pass their paths.',
        details: { path },
      });
  }
  const libraries = await sharedLibraries([plan.nodeBinary, ...plan.extraLibrariesOf]);
  const files: RootfsFile[] = [
    { name: 'usr/local/bin/node', source: plan.nodeBinary, mode: 0o755 },
    { name: 'bin/busybox', source: plan.busybox, mode: 0o755 },
    ...[...libraries].map(([path, source]) => ({ name: path.slice(1), source, mode: 0o755 })),
  ];
  const links = await applets(plan.busybox);
  const folders = new Set(['bin', 'etc', 'tmp', 'srv', 'usr', 'usr/local', 'usr/local/bin']);
  for (const file of files) folders.add(posix.dirname(file.name));
  const passwd = `root:x:0:0:root:/root:/bin/sh\nmlw:x:${SERVER_UID}:${SERVER_UID}:model server:/srv:/bin/sh\n`;
  const group = `root:x:0:\nmlw:x:${SERVER_UID}:\n`;

  const pack = tarStream.pack();
  const write = async (): Promise<void> => {
    for (const folder of [...folders].sort())
      pack.entry({ name: folder, type: 'directory', mode: folder === 'tmp' ? 0o1777 : 0o755 });
    pack.entry({ name: 'etc/passwd', mode: 0o644 }, passwd);
    pack.entry({ name: 'etc/group', mode: 0o644 }, group);
    for (const file of files) {
      const { size } = await stat(file.source);
      await pipeline(createReadStream(file.source), pack.entry({ name: file.name, mode: file.mode, size }));
    }
    for (const applet of links) pack.entry({ name: `bin/${applet}`, type: 'symlink', linkname: 'busybox' });
    pack.finalize();
  };
  void write().catch((error: unknown) =>
    pack.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  // tar-stream's pack is a streamx stream; dockerode wants a Node one.
  return Readable.from(pack);
}

/** What `docker import` applies to the local base: where Node is, and that it runs by default. */
export const LOCAL_BASE_CHANGES = ['ENV PATH=/usr/local/bin:/bin', 'CMD ["node"]'];
