import type { Pool } from 'pg';
import { searchKey, type TradeRow, type TradeSort, type TradesPage, type TradesQuery } from '../../../../shared/trades.js';
import { whenToDate } from '../../../../shared/when.js';
import { configError } from '../../errors.js';


// Each sort column as SQL: a fixed table of expressions, so no input ever reaches the text.
const SORT_SQL: Record<TradeSort, string[]> = {
  time: ['f.executed_at'],
  account: ['a.exchange_id', 'a.account', 'f.executed_at'],
  pair: ['f.symbol', 'f.executed_at'],
  category: ['f.category', 'f.executed_at'],
  side: ['f.side', 'f.executed_at'],
  price: ['f.price'],
  quantity: ['f.quantity'],
  fee: ['f.fee_usdt'],
  pnl: ['f.realised_pnl'],
};

/**
 * Fills whose pair holds the search (parameter `param`, a {@link searchKey}): "BTC" is in
 * BTCUSDT and ETHBTC; strpos needs no LIKE escaping. Symbols and assets are stored
 * upper-case, as the exchange spells them. Shared with the trades CSV export.
 */
export function searchCondition(param: string): string {
  return `(strpos(f.symbol, ${param}) > 0 OR f.base = ${param} OR f.quote = ${param})`;
}

/** The WHERE clause of a query and its parameters; exported for the tests of its shape. */
export function tradesWhere(q: TradesQuery, accountIds: readonly number[]): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  // The accounts shown, resolved first: a plain id list lets PostgreSQL walk the time index
  // and check each fill's account as it goes, instead of joining every fill and sorting.
  const parts = [`f.account_id = ANY($${params.push(accountIds)}::int[])`];
  if (q.search !== '') {
    parts.push(searchCondition(`$${params.push(searchKey(q.search))}`));
  }
  if (q.side !== null) parts.push(`f.side = $${params.push(q.side)}`);
  if (q.category !== null) parts.push(`f.category = $${params.push(q.category)}`);
  const from = q.from === null ? null : whenToDate(q.from, 'from');
  const to = q.to === null ? null : whenToDate(q.to, 'to');
  if (from && to && from >= to) throw configError('The start date is not before the end date', 'Choose a "from" date earlier than the "to" date (a "to" date includes that whole day).');
  if (from) parts.push(`f.executed_at >= $${params.push(from)}`);
  if (to) parts.push(`f.executed_at < $${params.push(to)}`);
  return { where: parts.join(' AND '), params };
}

// Columns that may be NULL (unknown); the others are NOT NULL, and a NULLS clause on them
// would stop PostgreSQL from reading the time index backwards for "newest first".
const NULLABLE = new Set(['f.fee_usdt', 'f.realised_pnl']);

/**
 * `ORDER BY` for a sort: unknown figures last either way, then the row id so pages never
 * overlap. `inner`: inside the paging subquery, where the account's names are looked up.
 */
export function tradesOrderBy(sort: TradeSort, dir: 'asc' | 'desc', inner = false): string {
  const d = dir === 'asc' ? 'ASC' : 'DESC';
  const col = (c: string) => (inner && c.startsWith('a.') ? `(SELECT ${c.slice(2)} FROM accounts x WHERE x.id = f.account_id)` : c);
  return [...SORT_SQL[sort].map((c) => (NULLABLE.has(c) ? `${col(c)} ${d} NULLS LAST` : `${col(c)} ${d}`)), `f.id ${d}`].join(', ');
}

interface Row {
  id: string; t: Date; exchange_id: string; account: string; category: string; symbol: string; base: string; quote: string; side: 'buy' | 'sell';
  price: string; quantity: string; fee: string | null; fee_currency: string | null; fee_usdt: string | null; realised_pnl: string | null; booked: boolean; fill_id: string;
}

/**
 * One page of the fills of the accounts shown (removed accounts left out), filtered, sorted
 * and paged by PostgreSQL, and the number of fills the filter matches. Both read one snapshot,
 * so the count and the page agree even while a sync commits.
 */
export async function listTrades(pool: Pool, q: TradesQuery): Promise<TradesPage> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const accounts = await client.query<{ id: number }>(
      'SELECT id FROM accounts WHERE removed_at IS NULL AND ($1::text IS NULL OR (exchange_id = $1 AND account = $2))',
      [q.account?.exchangeId ?? null, q.account?.account ?? null]);
    const { where, params } = tradesWhere(q, accounts.rows.map((r) => r.id));
    const n = params.length;
    // Page first, then the account names for its rows only.
    const page = await client.query<Row>(
      `SELECT f.id::text AS id, f.executed_at AS t, a.exchange_id, a.account, f.category, f.symbol, f.base, f.quote, f.side,
              f.price::text AS price, f.quantity::text AS quantity, f.fee::text AS fee, f.fee_currency, f.fee_usdt::text AS fee_usdt,
              f.realised_pnl::text AS realised_pnl, f.booked, f.fill_id
       FROM (SELECT f.* FROM fills f WHERE ${where} ORDER BY ${tradesOrderBy(q.sort, q.dir, true)} LIMIT $${n + 1} OFFSET $${n + 2}) f
       JOIN accounts a ON a.id = f.account_id
       ORDER BY ${tradesOrderBy(q.sort, q.dir)}`,
      [...params, q.limit, q.offset]);
    const count = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM fills f WHERE ${where}`, params);
    await client.query('COMMIT');
    return { rows: page.rows.map(toTrade), total: count.rows[0]?.n ?? 0, offset: q.offset };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

function toTrade(r: Row): TradeRow {
  return {
    id: r.id, time: r.t.toISOString(), exchangeId: r.exchange_id, account: r.account, category: r.category, symbol: r.symbol, base: r.base, quote: r.quote,
    side: r.side, price: r.price, quantity: r.quantity, fee: r.fee, feeCurrency: r.fee_currency, feeUsdt: r.fee_usdt, realisedPnl: r.realised_pnl,
    booked: r.booked, fillId: r.fill_id,
  };
}
