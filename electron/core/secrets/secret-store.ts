/** API credentials of one exchange account. Lives only in the main process. */
export interface Credentials {
  apiKey: string;
  secret: string;
  /** Some exchanges (OKX, KuCoin) also need a passphrase. */
  password?: string;
  /**
   * Keychain entries: where the key was saved to be sent (see endpoint-binding.ts); it is
   * never sent anywhere else. Absent for the environment and for older entries.
   */
  endpoint?: string;
}

export interface AccountRef {
  exchangeId: string;
  accountId: string;
}

/**
 * Where credentials live: the OS keychain (shell) or the environment (CLI, servers).
 * Never a settings file or the database.
 */
export interface SecretStore {
  /** A short name for diagnostics: "keychain", "environment". */
  readonly kind: string;
  get(ref: AccountRef): Promise<Credentials | null>;
  set(ref: AccountRef, credentials: Credentials): Promise<void>;
  delete(ref: AccountRef): Promise<boolean>;
}

/** The hint the UI may see: "…1a2b". Never more than the last four characters. */
export function maskKey(apiKey: string): string {
  return `…${apiKey.slice(-4)}`;
}

/** Looks in each store in order; writes go to the first writable one. */
export function chainSecretStores(stores: readonly SecretStore[]): SecretStore {
  return {
    kind: stores.map((s) => s.kind).join('+'),
    async get(ref) {
      for (const store of stores) {
        const found = await store.get(ref);
        if (found) return found;
      }
      return null;
    },
    async set(ref, credentials) {
      const errors: unknown[] = [];
      for (const store of stores) {
        try {
          return await store.set(ref, credentials);
        } catch (e) {
          errors.push(e);
        }
      }
      throw errors.at(-1) ?? new Error('no secret store');
    },
    async delete(ref) {
      let any = false;
      for (const store of stores) any = (await store.delete(ref).catch(() => false)) || any;
      return any;
    },
  };
}
