import type { Pool, PoolClient } from 'pg';
import type { DisplayRates, Position } from '../../../../shared/domain.js';

type Queryable = Pool | PoolClient;

/**
 * Open positions of the active accounts, each with its funding: the transaction log's
 * SETTLEMENT rows of that account and symbol summed (positive received, negative paid),
 * in the currency the log books them in, which for a derivative is its settle coin.
 */
export async function readPositions(db: Queryable): Promise<Position[]> {
  const { rows } = await db.query<{
    exchange_id: string; account: string; category: string; symbol: string; side: 'long' | 'short'; size: string; entry_price: string | null; mark_price: string | null;
    unrealised_pnl: string | null; leverage: string | null; liquidation_price: string | null; settle_coin: string | null; margin: string | null; funding: string | null; updated_at: Date;
  }>(
    `SELECT a.exchange_id, a.account, p.category, p.symbol, p.side, p.size, p.entry_price, p.mark_price, p.unrealised_pnl, p.leverage, p.liquidation_price,
            p.settle_coin, p.margin, p.updated_at, f.funding::text AS funding
     FROM positions p JOIN accounts a ON a.id = p.account_id
     LEFT JOIN LATERAL (
       SELECT sum(t.funding) AS funding FROM transaction_log t
       WHERE t.account_id = p.account_id AND t.symbol = p.symbol AND t.type = 'SETTLEMENT' AND t.funding IS NOT NULL
         AND (p.settle_coin IS NULL OR t.currency = p.settle_coin)
     ) f ON TRUE
     WHERE a.removed_at IS NULL ORDER BY a.exchange_id, a.account, p.symbol`);
  return rows.map((r) => ({
    exchangeId: r.exchange_id, account: r.account, category: r.category, symbol: r.symbol, side: r.side, size: r.size,
    entryPrice: r.entry_price, markPrice: r.mark_price, unrealisedPnl: r.unrealised_pnl, leverage: r.leverage,
    liquidationPrice: r.liquidation_price, settleCoin: r.settle_coin, margin: r.margin, funding: r.funding, updatedAt: r.updated_at.toISOString(),
  }));
}

/**
 * Each display currency's rate from the newest snapshot of an active account that
 * stored one (each account's latest snapshot only: a rate the exchange stopped listing
 * is not kept alive from old data).
 */
export async function readDisplayRates(db: Queryable): Promise<DisplayRates> {
  const { rows } = await db.query<{ currency: string; rate: { symbol: string; base: string; quote: string; price: string }; taken_at: Date }>(
    `SELECT DISTINCT ON (e.currency) e.currency, e.rate, s.taken_at FROM accounts a
     CROSS JOIN LATERAL (SELECT taken_at, display_rates FROM snapshots WHERE account_id = a.id ORDER BY taken_at DESC, id DESC LIMIT 1) s
     CROSS JOIN LATERAL jsonb_each(s.display_rates) AS e(currency, rate)
     WHERE a.removed_at IS NULL ORDER BY e.currency, s.taken_at DESC`);
  const rates: DisplayRates = {};
  for (const r of rows) {
    if (r.currency !== 'USD' && r.currency !== 'EUR') continue;
    rates[r.currency] = { symbol: r.rate.symbol, base: r.rate.base, quote: r.rate.quote, price: r.rate.price, at: r.taken_at.toISOString() };
  }
  return rates;
}
