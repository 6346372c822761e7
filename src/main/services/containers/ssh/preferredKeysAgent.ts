import ssh2, { type IdentityCallback, type ParsedKey } from 'ssh2';

/**
 * The user's ssh-agent, its keys offered as ssh offers them once IdentityFile names some: those
 * keys first, then the agent's others, or (IdentitiesOnly yes) those keys alone.
 */
export class PreferredKeysAgent extends ssh2.OpenSSHAgent {
  readonly #preferred: readonly Buffer[];
  readonly #only: boolean;

  /** `preferred`: the public key blobs of the identity files, in the config's order. */
  constructor(socket: string, preferred: readonly Buffer[], only: boolean) {
    super(socket);
    this.#preferred = preferred;
    this.#only = only;
  }

  override getIdentities(callback: IdentityCallback<ParsedKey>): void {
    super.getIdentities((error, keys) => {
      if (error || !keys) return callback(error, keys);
      const isPreferred = (key: (typeof keys)[number]): boolean =>
        'getPublicSSH' in key && this.#preferred.some((blob) => blob.equals(key.getPublicSSH()));
      const preferred = keys.filter(isPreferred);
      callback(null, this.#only ? preferred : [...preferred, ...keys.filter((key) => !isPreferred(key))]);
    });
  }
}
