import type { Position } from '../../../shared/domain.js';
import { notionalOf, roeOf } from '../../../shared/positions.js';
import { searchKey, type TradesExportFilter } from '../../../shared/trades.js';
import { searchCondition } from '../db/repositories/trades-repo.js';
/** What can be exported, in the order the CLI lists them. */
export const EXPORT_KINDS = ['holdings', 'positions', 'trades', 'cash-flows', 'net-value', 'realised'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** A validated export: one kind, optionally one account and a time range [from, to). */
export interface ExportQuery {
  kind: ExportKind;
  /** One account; null for every account. */
  account: { id: number; exchangeId: string; account: string } | null;
  from: Date | null;
  to: Date | null;
  /** Trades only: the Trades screen's asset search, side and category. */
  trades?: TradesExportFilter;
}

/** One kind's header and the SQL that yields its rows, columns in header order. */
export interface ExportPlan {
  header: readonly string[];
  sql: string;
  params: unknown[];
}

// Times leave PostgreSQL already as ISO 8601 UTC text, so rows stream through untouched.
const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** `AND` conditions on an account id column and a time column, with their parameters. */
function filters(q: ExportQuery, accountCol: string, timeCol: string | null): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const parts: string[] = [];
  if (q.account !== null) parts.push(`${accountCol} = $${params.push(q.account.id)}`);
  if (timeCol && q.from) parts.push(`${timeCol} >= $${params.push(q.from)}`);
  if (timeCol && q.to) parts.push(`${timeCol} < $${params.push(q.to)}`);
  return { where: parts.length ? ` AND ${parts.join(' AND ')}` : '', params };
}

/** The plan of every kind but holdings and positions (read whole and derived in code, not a table scan). */
export function exportPlan(q: ExportQuery): ExportPlan {
  switch (q.kind) {
    case 'trades': {
      const f = filters(q, 'f.account_id', 'f.executed_at');
      const t = q.trades;
      if (t && t.search !== '') f.where += ` AND ${searchCondition(`$${f.params.push(searchKey(t.search))}`)}`;
      if (t?.side) f.where += ` AND f.side = $${f.params.push(t.side)}`;
      if (t?.category) f.where += ` AND f.category = $${f.params.push(t.category)}`;
      return {
        header: ['time', 'exchange', 'account', 'category', 'symbol', 'base', 'quote', 'side', 'price', 'quantity', 'fee', 'fee_currency', 'fee_usdt', 'realised_pnl', 'fill_id'],
        sql: `SELECT ${iso('f.executed_at')}, a.exchange_id, a.account, f.category, f.symbol, f.base, f.quote, f.side, f.price::text, f.quantity::text,
                     f.fee::text, f.fee_currency, f.fee_usdt::text, f.realised_pnl::text, f.fill_id
              FROM fills f JOIN accounts a ON a.id = f.account_id WHERE a.removed_at IS NULL${f.where} ORDER BY f.executed_at, f.id`,
        params: f.params,
      };
    }
    case 'realised': {
      const f = filters(q, 'f.account_id', 'f.executed_at');
      const c = filters(q, 'c.account_id', 'c.occurred_at');
      const shift = (where: string) => where.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + f.params.length}`);
      return {
        header: ['time', 'exchange', 'account', 'symbol', 'base', 'quote', 'side', 'price', 'quantity', 'realised_pnl', 'fee_usdt', 'fill_id', 'kind'],
        // Every fill and convert that realised something, or whose result is unknown (empty
        // cell). A convert is a sale of the coin given (base) for the coin received (quote).
        sql: `SELECT ${iso('t')}, exchange_id, account, symbol, base, quote, side, price, quantity, realised_pnl, fee_usdt, fill_id, kind FROM (
                SELECT f.executed_at AS t, a.exchange_id, a.account, f.symbol, f.base, f.quote, f.side, f.price::text AS price, f.quantity::text AS quantity,
                       f.realised_pnl::text AS realised_pnl, f.fee_usdt::text AS fee_usdt, f.fill_id, 'fill' AS kind, f.id AS k
                FROM fills f JOIN accounts a ON a.id = f.account_id
                WHERE a.removed_at IS NULL AND f.category = 'spot' AND f.booked AND f.realised_pnl IS DISTINCT FROM 0${f.where}
                UNION ALL
                SELECT c.occurred_at, a.exchange_id, a.account, NULL, c.counter_asset, c.asset, 'sell', (c.amount / c.counter_amount)::text, c.counter_amount::text,
                       c.realised_pnl::text, '0', c.flow_id, 'convert', c.id
                FROM cash_flows c JOIN accounts a ON a.id = c.account_id
                WHERE a.removed_at IS NULL AND c.kind = 'convert' AND c.booked AND c.counter_amount > 0 AND c.realised_pnl IS DISTINCT FROM 0${shift(c.where)}
              ) r ORDER BY t, kind DESC, k`,
        params: [...f.params, ...c.params],
      };
    }
    case 'cash-flows': {
      const f = filters(q, 'c.account_id', 'c.occurred_at');
      return {
        header: ['time', 'exchange', 'account', 'kind', 'asset', 'amount', 'fee', 'counter_asset', 'counter_amount', 'from_wallet', 'to_wallet', 'tx_id', 'status', 'raw_type', 'flow_id'],
        // The stored records as the exchange reported them: amounts positive, the kind and
        // wallets give the direction (v_cash_flows has them signed).
        sql: `SELECT ${iso('c.occurred_at')}, a.exchange_id, a.account, c.kind, c.asset, c.amount::text, c.fee::text, c.counter_asset, c.counter_amount::text,
                     c.from_wallet, c.to_wallet, c.tx_id, c.status, c.raw_type, c.flow_id
              FROM cash_flows c JOIN accounts a ON a.id = c.account_id WHERE a.removed_at IS NULL${f.where} ORDER BY c.occurred_at, c.id`,
        params: f.params,
      };
    }
    case 'net-value': {
      const f = filters(q, 's.account_id', 's.taken_at');
      const t = filters(q, 'acc.id', null);
      const shift = (where: string) => where.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + f.params.length}`);
      // Each account's points, then the total at each point: the sum of every account's
      // latest value up to then (empty exchange and account), reconstructed if any part is.
      return {
        header: ['time', 'exchange', 'account', 'value', 'source', 'estimated'],
        sql: `WITH pts AS (
                SELECT s.id, s.account_id, s.taken_at, s.total_value, s.source, s.estimated FROM snapshots s JOIN accounts ra ON ra.id = s.account_id
                WHERE ra.removed_at IS NULL${f.where})
              SELECT ${iso('t')}, exchange, account, value, source, estimated FROM (
                SELECT p.taken_at AS t, 0 AS o, a.exchange_id AS exchange, a.account, p.total_value::text AS value, p.source, p.estimated::text AS estimated, p.id AS k
                FROM pts p JOIN accounts a ON a.id = p.account_id
                UNION ALL
                SELECT d.taken_at, 1, '', '', v.value::text, CASE WHEN v.backfill THEN 'backfill' ELSE 'sync' END, v.estimated::text, 0
                FROM (SELECT DISTINCT taken_at FROM pts) d CROSS JOIN LATERAL (
                  SELECT sum(l.total_value) AS value, bool_or(l.source = 'backfill') AS backfill, bool_or(l.estimated) AS estimated
                  FROM accounts acc CROSS JOIN LATERAL (
                    SELECT total_value, source, estimated FROM snapshots WHERE account_id = acc.id AND taken_at <= d.taken_at ORDER BY taken_at DESC, id DESC LIMIT 1
                  ) l WHERE acc.removed_at IS NULL${shift(t.where)}
                ) v
              ) rows ORDER BY t, o, exchange, account, k`,
        params: [...f.params, ...t.params],
      };
    }
    case 'holdings':
    case 'positions':
      throw new Error(`${q.kind} are exported from the stored state, not a table scan`);
  }
}

/** Holdings columns: the `portfolio --json` item fields, in snake_case. */
export const HOLDINGS_HEADER = [
  'exchange_id', 'account', 'asset', 'quantity', 'current_price', 'value', 'avg_entry_price', 'avg_entry_partial', 'profit_loss', 'profit_loss_percentage',
  'change_24h_pct', 'allocation_pct', 'realised_pnl', 'realised_pnl_partial', 'fees_paid', 'fees_partial', 'wallets',
] as const;

/**
 * Positions columns: the open positions as of each account's last sync (`time`), the
 * screen's figures (notional, margin, unrealised P&L and funding in the settle coin;
 * ROE in percent), then what the screen shows beside them.
 */
export const POSITIONS_HEADER = [
  'time', 'exchange', 'account', 'category', 'symbol', 'side', 'size', 'entry_price', 'mark_price', 'notional', 'margin', 'unrealised_pnl', 'roe', 'funding',
  'settle_coin', 'leverage', 'liquidation_price',
] as const;

/** One position as a CSV row, in {@link POSITIONS_HEADER} order. */
export function positionRow(p: Position): unknown[] {
  return [p.updatedAt, p.exchangeId, p.account, p.category, p.symbol, p.side, p.size, p.entryPrice, p.markPrice, notionalOf(p), p.margin, p.unrealisedPnl, roeOf(p), p.funding,
    p.settleCoin, p.leverage, p.liquidationPrice];
}
