import { Duplex } from 'node:stream';
import type { ClientChannel } from 'ssh2';
import { WorkbenchError } from '../../../../shared/contract/errors.js';

/** Enough of the remote command's stderr to say why it failed. */
const STDERR_KEPT = 2_000;

/**
 * An HTTP connection to the engine over one ssh session running `docker system dial-stdio`. It is
 * the channel itself except at the end: a remote side that fails before answering (no docker CLI,
 * no access to the engine) ends in an error that carries its stderr, where a bare channel would
 * leave HTTP with "socket hang up".
 */
export class DialStdioStream extends Duplex {
  readonly #channel: ClientChannel;
  #answered = false;
  #stderr = '';
  #exitCode: number | undefined;

  constructor(channel: ClientChannel, endpoint: string) {
    super();
    this.#channel = channel;
    channel.on('data', (chunk: Buffer) => {
      this.#answered = true;
      if (!this.push(chunk)) channel.pause();
    });
    channel.stderr.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString()).slice(-STDERR_KEPT);
    });
    channel.on('exit', (code: number | null) => {
      this.#exitCode = code ?? undefined;
    });
    channel.on('error', (error: Error) => this.destroy(error));
    channel.on('close', () => {
      if (this.destroyed) return;
      if (!this.#answered && this.#exitCode !== undefined && this.#exitCode !== 0)
        this.destroy(remoteFailure(endpoint, this.#exitCode, this.#stderr));
      else this.push(null);
    });
  }

  override _read(): void {
    this.#channel.resume();
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.#channel.write(chunk, encoding, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.#channel.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#channel.close();
    callback(error);
  }
}

function remoteFailure(endpoint: string, exitCode: number, stderr: string): WorkbenchError {
  const said = stderr.trim().split('\n').slice(-3).join(' ').trim();
  const missing = exitCode === 127;
  return new WorkbenchError({
    code: 'DOCKER_UNREACHABLE',
    message: `The Docker engine at ${endpoint} did not answer: \`docker system dial-stdio\` on the ssh host exited with code ${exitCode}${said ? ` (${said})` : ''}.`,
    hint: missing
      ? 'Install the docker CLI on the ssh host, on the PATH of a non-interactive ssh session.'
      : 'The ssh user needs access to the engine there (the docker group, or a rootless engine of its own): check with `ssh USER@HOST docker version`.',
    details: { endpoint },
  });
}
