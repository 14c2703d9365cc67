import type { MarketsCache, SpotMarket } from './types.js';

const MARKETS_MAX_AGE_MS = 24 * 3_600_000;

/**
 * An exchange's spot markets by symbol, read from its public endpoint at most once a day:
 * a kept client remembers them (a warm sync reads them from neither the exchange nor the
 * database), a new one takes the database cache while it is fresh.
 */
export function createSpotMarkets(opts: {
  exchangeId: string;
  /** Identifies the API host in the cache (live, testnet, demo or an override URL). */
  endpointKey: string;
  cache: MarketsCache;
  now: () => Date;
  /** Reads the whole spot market list from the exchange. */
  fetch: () => Promise<SpotMarket[]>;
}): () => Promise<Map<string, SpotMarket>> {
  let known: { fetchedAt: Date; bySymbol: Map<string, SpotMarket> } | null = null;
  const fresh = (at: Date) => opts.now().getTime() - at.getTime() < MARKETS_MAX_AGE_MS;
  const keep = (fetchedAt: Date, markets: SpotMarket[]) => {
    known = { fetchedAt, bySymbol: new Map(markets.map((m) => [m.symbol, m])) };
    return known.bySymbol;
  };
  return async () => {
    if (known && fresh(known.fetchedAt)) return known.bySymbol;
    const cached = await opts.cache.load(opts.exchangeId, opts.endpointKey);
    if (cached && fresh(cached.fetchedAt)) return keep(cached.fetchedAt, cached.markets);
    const markets = await opts.fetch();
    const fetchedAt = opts.now();
    await opts.cache.save(opts.exchangeId, opts.endpointKey, fetchedAt, markets);
    return keep(fetchedAt, markets);
  };
}
