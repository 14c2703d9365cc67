import type { PoolClient } from 'pg';
import { IMPORT_KINDS, type HistoryImport, type ImportCursors, type ImportKind } from '../../exchange/history-types.js';

type Db = Pick<PoolClient, 'query'>;

const col = <T, K extends keyof T>(rows: readonly T[], key: K) => rows.map((r) => r[key]);
const json = <T extends { raw: unknown }>(rows: readonly T[]) => rows.map((r) => JSON.stringify(r.raw));
const isKind = (k: string): k is ImportKind => (IMPORT_KINDS as readonly string[]).includes(k);

/** The account's history cursors (kinds never imported are absent). */
export async function loadImportCursors(db: Db, accountId: number): Promise<ImportCursors> {
  const { rows } = await db.query<{ kind: string; cursor: Date; history_start: Date | null }>(
    'SELECT kind, cursor, history_start FROM import_cursors WHERE account_id = $1', [accountId]);
  const out: ImportCursors = {};
  for (const r of rows) if (isKind(r.kind)) out[r.kind] = { cursor: r.cursor, historyStart: r.history_start };
  return out;
}

export interface HistoryWritten {
  derivativeFills: number;
  closedPnl: number;
  transactionLog: number;
  cashFlows: number;
}

/**
 * Stores one sync's history in the caller's transaction: new rows only (unique keys),
 * except that a cash flow seen again takes its newer status (a deposit that was pending
 * is now credited), then the cursors of the kinds read. One statement per table.
 */
export async function writeHistory(db: Db, accountId: number, h: HistoryImport): Promise<HistoryWritten> {
  const f = h.derivativeFills;
  const fills = f.length === 0 ? 0 : (await db.query(
    `INSERT INTO fills (account_id, fill_id, order_id, category, symbol, base, quote, side, price, quantity, fee, fee_currency, fee_usdt_rate, quote_usdt_rate, executed_at)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::numeric[], $10::numeric[], $11::numeric[], $12::text[], $13::numeric[], $14::numeric[], $15::timestamptz[])
     ON CONFLICT (account_id, fill_id) DO NOTHING`,
    [accountId, col(f, 'fillId'), col(f, 'orderId'), col(f, 'category'), col(f, 'symbol'), col(f, 'base'), col(f, 'quote'), col(f, 'side'), col(f, 'price'),
      col(f, 'quantity'), col(f, 'fee'), col(f, 'feeCurrency'), col(f, 'feeUsdtRate'), col(f, 'quoteUsdtRate'), col(f, 'executedAt')])).rowCount ?? 0;

  const p = h.closedPnl;
  // A record seen again takes the settle coin's rate it lacked (stored before rates were kept).
  const closedPnl = p.length === 0 ? 0 : (await db.query<{ inserted: boolean }>(
    `INSERT INTO closed_pnl (account_id, category, symbol, order_id, side, qty, order_price, order_type, exec_type, closed_size, cum_entry_value, avg_entry_price,
       cum_exit_value, avg_exit_price, closed_pnl, open_fee, close_fee, fill_count, leverage, created_at, updated_at, raw, usdt_rate)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::numeric[], $8::text[], $9::text[], $10::numeric[], $11::numeric[],
       $12::numeric[], $13::numeric[], $14::numeric[], $15::numeric[], $16::numeric[], $17::numeric[], $18::text[], $19::numeric[], $20::timestamptz[], $21::timestamptz[], $22::jsonb[],
       $23::numeric[])
     ON CONFLICT (account_id, category, symbol, order_id, created_at) DO UPDATE SET usdt_rate = EXCLUDED.usdt_rate
       WHERE closed_pnl.usdt_rate IS NULL AND EXCLUDED.usdt_rate IS NOT NULL
     RETURNING (xmax = 0) AS inserted`,
    [accountId, col(p, 'category'), col(p, 'symbol'), col(p, 'orderId'), col(p, 'side'), col(p, 'qty'), col(p, 'orderPrice'), col(p, 'orderType'), col(p, 'execType'),
      col(p, 'closedSize'), col(p, 'cumEntryValue'), col(p, 'avgEntryPrice'), col(p, 'cumExitValue'), col(p, 'avgExitPrice'), col(p, 'closedPnl'), col(p, 'openFee'),
      col(p, 'closeFee'), col(p, 'fillCount'), col(p, 'leverage'), col(p, 'createdAt'), col(p, 'updatedAt'), json(p), p.map((r) => r.usdtRate ?? null)])).rows.filter((r) => r.inserted).length;

  const t = h.transactionLog;
  const transactionLog = t.length === 0 ? 0 : (await db.query(
    `INSERT INTO transaction_log (account_id, log_id, category, symbol, type, side, currency, qty, size, trade_price, change, cash_flow, funding, fee, cash_balance,
       trade_id, order_id, transaction_time, raw, usdt_rate)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::numeric[], $9::numeric[], $10::numeric[], $11::numeric[],
       $12::numeric[], $13::numeric[], $14::numeric[], $15::numeric[], $16::text[], $17::text[], $18::timestamptz[], $19::jsonb[], $20::numeric[])
     ON CONFLICT (account_id, log_id) DO NOTHING`,
    [accountId, col(t, 'logId'), col(t, 'category'), col(t, 'symbol'), col(t, 'type'), col(t, 'side'), col(t, 'currency'), col(t, 'qty'), col(t, 'size'),
      col(t, 'tradePrice'), col(t, 'change'), col(t, 'cashFlow'), col(t, 'funding'), col(t, 'fee'), col(t, 'cashBalance'), col(t, 'tradeId'), col(t, 'orderId'),
      col(t, 'transactionTime'), json(t), t.map((r) => r.usdtRate ?? null)])).rowCount ?? 0;

  const c = h.cashFlows;
  // xmax = 0 only for a row this statement inserted, not for one it updated. A stored
  // rate stays (the books were made with it); a missing one is taken from the new read.
  const cashFlows = c.length === 0 ? 0 : (await db.query<{ inserted: boolean }>(
    `INSERT INTO cash_flows (account_id, kind, flow_id, asset, amount, fee, counter_asset, counter_amount, from_wallet, to_wallet, tx_id, status, raw_type, occurred_at, raw, usdt_rate,
       counter_usdt_rate)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::numeric[], $6::numeric[], $7::text[], $8::numeric[], $9::text[], $10::text[], $11::text[],
       $12::text[], $13::text[], $14::timestamptz[], $15::jsonb[], $16::numeric[], $17::numeric[])
     ON CONFLICT (account_id, kind, flow_id) DO UPDATE SET status = EXCLUDED.status, tx_id = EXCLUDED.tx_id, fee = EXCLUDED.fee, raw = EXCLUDED.raw,
       usdt_rate = COALESCE(cash_flows.usdt_rate, EXCLUDED.usdt_rate), counter_usdt_rate = COALESCE(cash_flows.counter_usdt_rate, EXCLUDED.counter_usdt_rate)
       WHERE cash_flows.raw IS DISTINCT FROM EXCLUDED.raw
          OR (cash_flows.usdt_rate IS NULL AND EXCLUDED.usdt_rate IS NOT NULL)
          OR (cash_flows.counter_usdt_rate IS NULL AND EXCLUDED.counter_usdt_rate IS NOT NULL)
     RETURNING (xmax = 0) AS inserted`,
    [accountId, col(c, 'kind'), col(c, 'flowId'), col(c, 'asset'), col(c, 'amount'), col(c, 'fee'), col(c, 'counterAsset'), col(c, 'counterAmount'),
      col(c, 'fromWallet'), col(c, 'toWallet'), col(c, 'txId'), col(c, 'status'), col(c, 'rawType'), col(c, 'occurredAt'), json(c), c.map((r) => r.usdtRate ?? null),
      c.map((r) => r.counterUsdtRate ?? null)])).rows.filter((r) => r.inserted).length;

  const kinds = Object.entries(h.cursors);
  if (kinds.length > 0) await db.query(
    `INSERT INTO import_cursors (account_id, kind, cursor, history_start, updated_at)
     SELECT $1, k, c, s, now() FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[]) AS t(k, c, s)
     ON CONFLICT (account_id, kind) DO UPDATE SET cursor = EXCLUDED.cursor, history_start = EXCLUDED.history_start, updated_at = EXCLUDED.updated_at`,
    [accountId, kinds.map(([k]) => k), kinds.map(([, s]) => s.cursor), kinds.map(([, s]) => s.historyStart)]);
  return { derivativeFills: fills, closedPnl, transactionLog, cashFlows };
}
