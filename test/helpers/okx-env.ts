import type { FakeOkxKey, FakeOkxServer } from '../fake-okx/index.js';
import { OKX_READ_ONLY_KEY } from '../fake-okx/index.js';

/** The variables of an OKX-only configuration pointed at the fake. */
export const okxEnv = (server: FakeOkxServer, key: FakeOkxKey = OKX_READ_ONLY_KEY): Record<string, string> => ({
  EXCHANGE_SYNC_EXCHANGES: 'okx', ...okxEnvKey(key), OKX_API_URL: server.url,
});

/** Just the credentials of `key`. */
export const okxEnvKey = (key: FakeOkxKey): Record<string, string> => ({ OKX_API_KEY: key.apiKey, OKX_API_SECRET: key.secret, OKX_API_PASSWORD: key.passphrase });
