import type { AppError } from '../../electron/core/errors.js';
import type { Credentials, SecretStore } from '../../electron/core/secrets/secret-store.js';

/** A keychain in memory that can be told to fail. */
export function memoryKeychain() {
  const data = new Map<string, Credentials>();
  const state = { failing: null as AppError | null };
  const key = (r: { exchangeId: string; accountId: string }) => `${r.exchangeId}:${r.accountId}`;
  const store: SecretStore = {
    kind: 'keychain',
    get: async (r) => { if (state.failing) throw state.failing; return data.get(key(r)) ?? null; },
    set: async (r, c) => { if (state.failing) throw state.failing; data.set(key(r), c); },
    delete: async (r) => { if (state.failing) throw state.failing; return data.delete(key(r)); },
  };
  return { store, data, state };
}
