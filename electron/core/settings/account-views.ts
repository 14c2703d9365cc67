import type { AccountView, KeychainState } from '../../../shared/domain.js';
import type { AccountConfig } from '../config/app-config.js';
import { AppError } from '../errors.js';
import { keychainCanary, type KeychainCanaryResult } from '../secrets/keytar-store.js';
import { maskKey, type SecretStore } from '../secrets/secret-store.js';

/**
 * Each account with where its key lives and the last four characters of the key. The
 * key is read here, in the core, and only the hint leaves; a keychain that cannot be
 * read shows the key as absent (the keychain state says why).
 */
export async function accountViews(accounts: readonly AccountConfig[], stores: { env: SecretStore; keychain: SecretStore | null }): Promise<AccountView[]> {
  return Promise.all(accounts.map(async (a): Promise<AccountView> => {
    const ref = { exchangeId: a.exchangeId, accountId: a.id };
    const fromEnv = a.source === 'env' ? await stores.env.get(ref) : null;
    const fromKeychain = fromEnv ? null : await stores.keychain?.get(ref).catch(() => null) ?? null;
    const found = fromEnv ?? fromKeychain;
    return {
      exchangeId: a.exchangeId, id: a.id, label: a.label, enabled: a.enabled, testnet: a.testnet, demo: a.demo,
      apiUrl: a.apiUrl, testnetApiUrl: a.testnetApiUrl, source: a.source,
      key: { location: fromEnv ? 'env' : fromKeychain ? 'keychain' : 'none', hint: found ? maskKey(found.apiKey) : null },
    };
  }));
}

/** The keychain state a canary result means. */
export function keychainStateOf(result: KeychainCanaryResult): KeychainState {
  if (!result.ok) return { status: 'unavailable', problem: result.error };
  if (result.persistent === false) {
    return {
      status: 'not-persistent',
      problem: {
        errorClass: 'keychain', message: 'The keychain keeps keys only until you log out (a temporary "session" keyring is the default)',
        recommendation: 'Create or unlock a login keyring in the keyring manager (Passwords and Keys, KWallet), or start the app with the key in environment variables such as BYBIT_API_KEY.',
      },
    };
  }
  return { status: 'ok', problem: null };
}

/**
 * Runs the canary and remembers a good answer; a bad one is asked again next time (the
 * user may have unlocked the keychain since), and so is a good one after a keychain error.
 */
export function createKeychainMonitor(keychain: SecretStore | null, probe: (store: SecretStore) => Promise<KeychainCanaryResult> = keychainCanary) {
  let known: Promise<KeychainState> | null = null;
  let settled: KeychainState | null = null;
  return {
    state(refresh = false): Promise<KeychainState> {
      if (!keychain) {
        return Promise.resolve({
          status: 'unavailable',
          problem: { errorClass: 'keychain', message: 'This program keeps no keys in a keychain', recommendation: 'Set the key in environment variables such as BYBIT_API_KEY and BYBIT_API_SECRET.' },
        });
      }
      // A question already under way is shared; a settled bad answer is asked again.
      if (refresh || !known || (settled !== null && settled.status !== 'ok')) {
        settled = null;
        const asking = probe(keychain).then(keychainStateOf);
        known = asking;
        void asking.then((s) => { if (known === asking) settled = s; });
      }
      return known;
    },
    /** Call with any error from the keychain so the next state() looks again. */
    noteError(e: unknown): void {
      if (e instanceof AppError && e.errorClass === 'keychain') known = null;
    },
  };
}
