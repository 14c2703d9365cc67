import { createHash } from 'node:crypto';
import type { AccountConnection } from './create-client.js';
import type { ExchangeAccountClient } from './types.js';

export interface ClientCache {
  /** The account's client, kept from its last successful sync when nothing changed. */
  get(conn: AccountConnection): Promise<ExchangeAccountClient>;
  /** Forgets the account's client: after a failure the next sync starts afresh (ccxt keeps a failed loadMarkets on the instance). */
  discard(conn: AccountConnection): void;
}

/**
 * Keeps one exchange client per account between syncs: building a ccxt instance costs
 * ~10 ms and a kept client knows the exchange's clock offset, so a warm sync can send
 * all its reads at once. Any change of connection settings or keys makes a new one.
 */
export function createClientCache(create: (conn: AccountConnection) => Promise<ExchangeAccountClient>): ClientCache {
  const cache = new Map<string, { fingerprint: string; client: Promise<ExchangeAccountClient> }>();
  const keyOf = (c: AccountConnection) => `${c.exchangeId}:${c.accountId}`;
  // A digest, so the cache holds no second plain copy of the credentials.
  const fingerprint = (c: AccountConnection) => createHash('sha256')
    .update(JSON.stringify([c.testnet, c.demo, c.apiUrl, c.testnetApiUrl, c.credentials.apiKey, c.credentials.secret, c.credentials.password ?? null]))
    .digest('hex');
  return {
    get(conn) {
      const key = keyOf(conn);
      const fp = fingerprint(conn);
      const hit = cache.get(key);
      if (hit && hit.fingerprint === fp) return hit.client;
      const client = create(conn);
      cache.set(key, { fingerprint: fp, client });
      client.catch(() => cache.delete(key));
      return client;
    },
    discard(conn) {
      cache.delete(keyOf(conn));
    },
  };
}
