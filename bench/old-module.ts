import pg from 'pg';
import { createCcxtLoader } from '../electron/core/exchange/ccxt-loader.js';
import type { RemoteFake } from './fake-process.js';
import { timeMs } from './stats.js';

type Call = (...args: unknown[]) => Promise<unknown>;

/**
 * The old Python module's pattern, replayed against the same fake for comparison:
 * ccxt loadMarkets and fetchBalance, then per asset one ticker and one trade-history
 * call, one after another, and one database connection per row written.
 */
export async function measureOldModule(server: RemoteFake, creds: { apiKey: string; secret: string }, connection: pg.ClientConfig): Promise<{ ms: number; requests: number }> {
  const Bybit = await createCcxtLoader().load('bybit');
  const ex = new Bybit({ apiKey: creds.apiKey, secret: creds.secret, enableRateLimit: false, options: { adjustForTimeDifference: false } });
  for (const k of Object.keys(ex.urls.api)) (ex.urls.api as Record<string, string>)[k] = server.url;
  const call = (name: string, ...args: unknown[]) => (ex[name] as Call).apply(ex, args);
  await server.clearRequests();
  const { ms } = await timeMs(async () => {
    await call('loadMarkets');
    const balance = (await call('fetchBalance')) as { total: Record<string, number> };
    const assets = Object.keys(balance.total).filter((a) => a !== 'USDT');
    const rows: Array<[string, number, number]> = [];
    for (const asset of assets) {
      const symbol = `${asset}/USDT`;
      const ticker = (await call('fetchTicker', symbol).catch(() => ({ last: 0 }))) as { last?: number };
      await call('fetchMyTrades', symbol).catch(() => []);
      rows.push([asset, balance.total[asset] ?? 0, ticker.last ?? 0]);
    }
    for (const [asset, quantity, price] of rows) {
      const client = new pg.Client(connection);
      await client.connect();
      await client.query(
        `INSERT INTO portfolio_items (exchange_id, account, asset, quantity, current_price) VALUES ('bybit-old', 'default', $1, $2, $3)
         ON CONFLICT (exchange_id, account, asset) DO UPDATE SET quantity = EXCLUDED.quantity, current_price = EXCLUDED.current_price`,
        [asset, String(quantity), String(price)]);
      await client.end();
    }
  });
  return { ms, requests: Object.values(await server.requestCounts()).reduce((a, b) => a + b, 0) };
}
