import type { Pool, PoolClient } from 'pg';
import type { CashFlowKind, CashFlowRow, ClosedPnlRow, HistoryImport, TransactionLogRow } from '../../exchange/history-types.js';
import type { CostFill } from '../../portfolio/cost-basis.js';
import type { AccountRecords } from '../../portfolio/flows.js';
import { readSpotFills } from './read-repo.js';

type Db = Pool | PoolClient;

/** How much of the account's records to read. */
export interface LoadOptions {
  /** The account's spot fills when the caller already holds them (the sync does): not read again. */
  spotFills?: readonly CostFill[];
  /** One transaction-log row per type, category and coin, its changes summed: enough for totals, not for a timeline. */
  summed?: boolean;
}

/**
 * What the flows module needs of one account, from the database: spot fills, cash
 * flows, the transaction log (Unified accounts) or closed P&L (the others), and the
 * oldest instant the history import reached.
 */
export async function loadAccountRecords(db: Db, accountId: number, opts: LoadOptions = {}): Promise<AccountRecords & { historyStart: Date | null }> {
  // Often one connection (the sync's transaction), which runs one query at a time: in turn.
  const spotFills = opts.spotFills ?? await readSpotFills(db, accountId);
  const flows = await db.query<{ kind: CashFlowKind; flow_id: string; asset: string; amount: string; fee: string | null; counter_asset: string | null; counter_amount: string | null;
      from_wallet: string | null; to_wallet: string | null; tx_id: string | null; status: string | null; raw_type: string | null; occurred_at: Date; raw: unknown }>(
      `SELECT kind, flow_id, asset, amount::text, fee::text, counter_asset, counter_amount::text, from_wallet, to_wallet, tx_id, status, raw_type, occurred_at, raw
       FROM cash_flows WHERE account_id = $1 ORDER BY occurred_at, id`, [accountId]);
  const log = await db.query<{ log_id: string; category: string | null; type: string; currency: string; change: string; transaction_time: Date }>(opts.summed
      // Which rows count depends only on type and category: one sum per group gives the same totals.
      ? `SELECT type || '/' || coalesce(category, '') || '/' || currency AS log_id, category, type, currency, sum(change)::text AS change, max(transaction_time) AS transaction_time
         FROM transaction_log WHERE account_id = $1 GROUP BY type, category, currency ORDER BY 1`
      : 'SELECT log_id, category, type, currency, change::text, transaction_time FROM transaction_log WHERE account_id = $1 ORDER BY transaction_time, id', [accountId]);
  const pnl = await db.query<{ category: string; symbol: string; order_id: string; side: string; closed_pnl: string; created_at: Date }>(
      'SELECT category, symbol, order_id, side, closed_pnl::text, created_at FROM closed_pnl WHERE account_id = $1 ORDER BY created_at, id', [accountId]);
  const account = await db.query<{ account_mode: string | null; start: Date | null }>(
      `SELECT account_mode, LEAST(fills_history_start, (SELECT min(history_start) FROM import_cursors WHERE account_id = $1)) AS start FROM accounts WHERE id = $1`, [accountId]);
  return {
    spotFills,
    cashFlows: flows.rows.map((r) => ({
      kind: r.kind, flowId: r.flow_id, asset: r.asset, amount: r.amount, fee: r.fee, counterAsset: r.counter_asset, counterAmount: r.counter_amount,
      fromWallet: r.from_wallet, toWallet: r.to_wallet, txId: r.tx_id, status: r.status, rawType: r.raw_type, occurredAt: r.occurred_at, raw: r.raw,
    })),
    transactionLog: log.rows.map((r) => logRow(r)),
    closedPnl: pnl.rows.map((r) => pnlRow(r)),
    unified: account.rows[0]?.account_mode === 'unified',
    historyStart: account.rows[0]?.start ?? null,
  };
}

/**
 * The stored records with one sync's new history added, each record once: before the
 * sync's transaction, what it read is not stored yet, and part of it may already be.
 */
export function withImported(stored: AccountRecords, h: HistoryImport | null): AccountRecords {
  if (h === null) return stored;
  const flowKey = (c: CashFlowRow) => `${c.kind}\u0000${c.flowId}`;
  const known = new Set(stored.cashFlows.map(flowKey));
  const knownLog = new Set(stored.transactionLog.map((r) => r.logId));
  const pnlKey = (p: ClosedPnlRow) => `${p.category}\u0000${p.symbol}\u0000${p.orderId}\u0000${p.createdAt.getTime()}`;
  const knownPnl = new Set(stored.closedPnl.map(pnlKey));
  return {
    ...stored,
    cashFlows: [...stored.cashFlows, ...h.cashFlows.filter((c) => !known.has(flowKey(c)))],
    transactionLog: [...stored.transactionLog, ...h.transactionLog.filter((r) => !knownLog.has(r.logId))],
    closedPnl: [...stored.closedPnl, ...h.closedPnl.filter((p) => !knownPnl.has(pnlKey(p)))],
  };
}

function logRow(r: { log_id: string; category: string | null; type: string; currency: string; change: string; transaction_time: Date }): TransactionLogRow {
  return {
    logId: r.log_id, category: r.category, symbol: null, type: r.type, side: null, currency: r.currency, qty: null, size: null, tradePrice: null,
    change: r.change, cashFlow: null, funding: null, fee: null, cashBalance: '0', tradeId: null, orderId: null, transactionTime: r.transaction_time, raw: null,
  };
}

function pnlRow(r: { category: string; symbol: string; order_id: string; side: string; closed_pnl: string; created_at: Date }): ClosedPnlRow {
  return {
    category: r.category, symbol: r.symbol, orderId: r.order_id, side: r.side, qty: null, orderPrice: null, orderType: null, execType: null,
    closedSize: null, cumEntryValue: null, avgEntryPrice: null, cumExitValue: null, avgExitPrice: null, closedPnl: r.closed_pnl, openFee: null,
    closeFee: null, fillCount: null, leverage: null, createdAt: r.created_at, updatedAt: null, raw: null,
  };
}
