import type * as Keyring from '@napi-rs/keyring';
import type { RegistryCredentials } from '../../../../shared/contract/containerShip.js';

/** The keychain entries' service name; each registry host is one account. */
export const KEYCHAIN_SERVICE = 'mlops-workbench.registry';

export interface Keychain {
  get(registry: string): Promise<RegistryCredentials | undefined>;
  /** Keeps them, or says why the OS keychain cannot (no Secret Service on D-Bus, say). */
  set(
    registry: string,
    credentials: RegistryCredentials,
  ): Promise<{ stored: true } | { stored: false; problem: string }>;
}

/**
 * The OS keychain (macOS Keychain, Windows Credential Manager, the Secret Service on Linux) through
 * @napi-rs/keyring, loaded on first use. A machine without a backend reads as empty and refuses to store.
 */
export function createOsKeychain(): Keychain {
  let module: Promise<typeof Keyring> | undefined;
  const entry = async (registry: string) =>
    new (await (module ??= import('@napi-rs/keyring'))).Entry(KEYCHAIN_SERVICE, registry);
  return {
    async get(registry) {
      try {
        const text = (await entry(registry)).getPassword();
        if (!text) return undefined;
        const parsed = JSON.parse(text) as Partial<RegistryCredentials>;
        return parsed.username && parsed.password
          ? { username: parsed.username, password: parsed.password }
          : undefined;
      } catch {
        return undefined;
      }
    },
    async set(registry, credentials) {
      try {
        (await entry(registry)).setPassword(JSON.stringify(credentials));
        return { stored: true };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return {
          stored: false,
          problem: `The OS keychain is not available here (${reason}), so the credentials were not kept; on Linux it needs a Secret Service (GNOME Keyring, KeePassXC) on the session D-Bus.`,
        };
      }
    },
  };
}
