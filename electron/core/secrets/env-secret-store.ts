import { AppError } from '../errors.js';
import { envPrefix } from '../config/env.js';
import type { Credentials, SecretStore } from './secret-store.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Credentials from `{EXCHANGE}_API_KEY` / `{EXCHANGE}_API_SECRET` (and `_API_PASSWORD`),
 * for the account named "default". Read-only: the environment is the user's to change.
 * Shapes are validated by readEnvOverrides before this is used.
 */
export function createEnvSecretStore(env: Env): SecretStore {
  return {
    kind: 'environment',
    async get({ exchangeId, accountId }) {
      if (accountId !== 'default') return null;
      const p = envPrefix(exchangeId);
      const apiKey = env[`${p}_API_KEY`];
      const secret = env[`${p}_API_SECRET`];
      if (!apiKey || !secret) return null;
      const creds: Credentials = { apiKey, secret };
      const password = env[`${p}_API_PASSWORD`];
      if (password) creds.password = password;
      return creds;
    },
    async set() {
      throw new AppError('keychain', 'Credentials from the environment cannot be changed here', 'Change the environment variables, or store the key in the keychain from the desktop app.');
    },
    async delete() {
      return false;
    },
  };
}
