import type { z } from 'zod';
import type { AppError } from '../../errors.js';
import { isCash } from '../../portfolio/cash.js';
import { dec } from '../../portfolio/decimal.js';
import type { CashFlowRow, ClosedPnlRow, HistoryImport, ImportCursors, ImportKind, TransactionLogRow } from '../history-types.js';
import type { FillRow, FillsState } from '../types.js';
import type { OkxApi } from './okx-api.js';
import { fetchOkxFills } from './okx-fills.js';
import { fetchOkxFundingBills, fundingBillRecord, OKX_FUNDING_BILLS_REACH_MS } from './okx-funding-bills.js';
import { billsSchema, depositsSchema, positionsHistorySchema, withdrawalsSchema } from './okx-schemas.js';

const DAY = 86_400_000;
const OVERLAP_MS = 5 * 60_000;
const PAGE = 100;
/** account/bills covers seven days; older bills (up to three months) come from bills-archive. */
const BILLS_RECENT_MS = 7 * DAY - 3_600_000;
const BILLS_ARCHIVE_MS = 90 * DAY - 3_600_000;
const DERIVATIVE_TYPES = ['SWAP', 'FUTURES', 'MARGIN'] as const;
const NEVER: FillsState = { cursor: null, historyStart: null };

const orNull = (s: string | undefined) => (s === undefined || s === '' ? null : dec(s).toString());
const textOrNull = (s: string | undefined) => (s === undefined || s === '' ? null : s);

/**
 * Reads OKX's history beside spot fills, each kind from its own cursor: SWAP, FUTURES and
 * MARGIN fills (three months), deposits and withdrawals (newest first until the cursor),
 * the trading account's bills as the transaction log (seven days from account/bills,
 * three months from bills-archive on the first sync), the funding account's bills (a
 * year; transfers become cash flows, the rest joins the log, see fundingBillRecord), and
 * closed positions with their realised P&L (three months). A key refused the deposit,
 * withdrawal or funding history keeps syncing with a warning.
 */
export async function collectOkxHistory(api: OkxApi, opts: { cursors: ImportCursors; serverNow: number }, warnings: string[]): Promise<HistoryImport> {
  const next: ImportCursors = {};
  const state = (kind: ImportKind) => opts.cursors[kind] ?? NEVER;
  const since = (kind: ImportKind, reachMs: number) => {
    const s = state(kind);
    const floor = opts.serverNow - reachMs;
    return s.cursor === null || s.historyStart === null ? floor : Math.max(floor, s.cursor.getTime() - OVERLAP_MS);
  };
  const done = (kind: ImportKind, reachMs: number) => {
    const s = state(kind);
    next[kind] = { cursor: new Date(opts.serverNow), historyStart: s.historyStart ?? new Date(opts.serverNow - reachMs) };
  };
  const optional = async <T>(label: string, read: () => Promise<T[]>): Promise<T[]> => {
    try {
      return await read();
    } catch (e) {
      if ((e as AppError).errorClass !== 'permission') throw e;
      warnings.push(`${label} not read: ${(e as AppError).message}. ${(e as AppError).recommendation}`);
      return [];
    }
  };

  const [derivatives, deposits, withdrawals, bills, closed, funding] = await Promise.all([
    (async () => {
      const reads = await Promise.all(DERIVATIVE_TYPES.map((t) => fetchOkxFills(api, t, state('derivative-fills'), opts.serverNow)));
      next['derivative-fills'] = reads[0]!.next;
      return reads.flatMap((r) => r.rows).map(toDerivativeFill);
    })(),
    optional('Deposit history', async () => {
      const rows = await newestFirst(api, 'asset/deposit-history', depositsSchema, 'the deposit history', (r) => r.ts, since('deposits', 365 * DAY), (r) => Number(r.ts));
      done('deposits', 365 * DAY);
      return rows.map(toDeposit);
    }),
    optional('Withdrawal history', async () => {
      const rows = await newestFirst(api, 'asset/withdrawal-history', withdrawalsSchema, 'the withdrawal history', (r) => r.ts, since('withdrawals', 365 * DAY), (r) => Number(r.ts));
      done('withdrawals', 365 * DAY);
      return rows.map(toWithdrawal);
    }),
    (async () => {
      const from = since('transaction-log', BILLS_ARCHIVE_MS);
      const path = opts.serverNow - from > BILLS_RECENT_MS ? 'account/bills-archive' : 'account/bills';
      const rows = await newestFirst(api, path, billsSchema, 'the account bills', (r) => r.billId, from, (r) => Number(r.ts));
      done('transaction-log', BILLS_ARCHIVE_MS);
      return rows.map(toLogRow);
    })(),
    (async () => {
      const rows = await newestFirst(api, 'account/positions-history', positionsHistorySchema, 'the closed positions', (r) => r.uTime, since('closed-positions', 90 * DAY), (r) => Number(r.uTime));
      done('closed-positions', 90 * DAY);
      return rows.map(toClosedPnl);
    })(),
    optional('Funding account history', async () => {
      const rows = await fetchOkxFundingBills(api, state('funding-bills'), opts.serverNow);
      done('funding-bills', OKX_FUNDING_BILLS_REACH_MS);
      return rows.flatMap((b) => fundingBillRecord(b) ?? []);
    }),
  ]);
  const fundingFlows = funding.flatMap((r) => ('cashFlow' in r ? [r.cashFlow] : []));
  const fundingLog = funding.flatMap((r) => ('log' in r ? [r.log] : []));
  return {
    derivativeFills: derivatives, closedPnl: closed, transactionLog: [...bills, ...fundingLog],
    cashFlows: [...deposits, ...withdrawals, ...fundingFlows], cursors: next,
  };
}

/**
 * Pages an OKX list newest first with `after` = the last row's id (a bill id, or the
 * timestamp for deposits and withdrawals) until a page is short or reaches `from`.
 */
async function newestFirst<T>(api: OkxApi, path: string, schema: z.ZodType<T[]>, what: string, idOf: (r: T) => string, from: number, tsOf: (r: T) => number): Promise<T[]> {
  const out: T[] = [];
  let after = '';
  for (;;) {
    const params: Record<string, string | number> = { limit: PAGE };
    if (after) params.after = after;
    const page = await api.privateGet(path, params, schema, what);
    out.push(...page.filter((r) => tsOf(r) >= from));
    if (page.length < PAGE || page.some((r) => tsOf(r) < from)) break;
    after = idOf(page[page.length - 1]!);
  }
  return out;
}

/** A SWAP, FUTURES or MARGIN fill; quantity in OKX's unit (contracts for SWAP and FUTURES). */
function toDerivativeFill(f: { instType: string; instId: string; billId: string; ordId: string; side: 'buy' | 'sell'; fillPx: string; fillSz: string; fee: string; feeCcy: string; ts: string }): FillRow {
  const [base = f.instId, quote = ''] = f.instId.split('-');
  const fee = f.fee === '' ? null : dec(f.fee).negated().toString();
  return {
    fillId: f.billId, orderId: f.ordId || null, category: f.instType.toLowerCase(), symbol: f.instId, base, quote, side: f.side,
    price: dec(f.fillPx).toString(), quantity: dec(f.fillSz).toString(), fee, feeCurrency: fee === null ? null : f.feeCcy,
    feeUsdtRate: null, quoteUsdtRate: null, executedAt: new Date(Number(f.ts)),
  };
}

function toDeposit(r: z.infer<typeof depositsSchema>[number]): CashFlowRow {
  return {
    kind: 'deposit', flowId: r.depId, asset: r.ccy, amount: dec(r.amt).toString(), fee: null, counterAsset: null, counterAmount: null,
    fromWallet: null, toWallet: 'FUNDING', txId: textOrNull(r.txId), status: r.state, rawType: null, occurredAt: new Date(Number(r.ts)), raw: r,
  };
}

function toWithdrawal(r: z.infer<typeof withdrawalsSchema>[number]): CashFlowRow {
  return {
    kind: 'withdrawal', flowId: r.wdId, asset: r.ccy, amount: dec(r.amt).toString(), fee: orNull(r.fee), counterAsset: null, counterAmount: null,
    fromWallet: 'FUNDING', toWallet: null, txId: textOrNull(r.txId), status: r.state, rawType: null, occurredAt: new Date(Number(r.ts)), raw: r,
  };
}

/**
 * A closed (or partly closed) position; the position id stands where Bybit has the closing
 * order's. BASE-USDT-SWAP settles in its quote, BASE-USD-SWAP in its base: a cash settle
 * coin is at par, another has no USDT rate here (the figure counts as partial).
 */
function toClosedPnl(p: z.infer<typeof positionsHistorySchema>[number]): ClosedPnlRow {
  const [base = '', quote = ''] = p.instId.split('-');
  return {
    usdtRate: isCash(quote === 'USD' ? base : quote) ? '1' : null,
    category: p.instType.toLowerCase(), symbol: p.instId, orderId: p.posId, side: p.direction, qty: orNull(p.closeTotalPos), orderPrice: null,
    orderType: null, execType: textOrNull(p.type), closedSize: orNull(p.closeTotalPos), cumEntryValue: null, avgEntryPrice: orNull(p.openAvgPx),
    cumExitValue: null, avgExitPrice: orNull(p.closeAvgPx), closedPnl: dec(p.realizedPnl).toString(), openFee: null, closeFee: orNull(p.fee),
    fillCount: null, leverage: orNull(p.lever), createdAt: new Date(Number(p.uTime)), updatedAt: null, raw: p,
  };
}

/**
 * A trading-account bill, its type stored as "type/subType" (2/1 a buy, 8/173 a funding
 * fee paid). Bill type 8 is a funding fee, signed as balChg is (negative when paid); one
 * in a cash coin is at par. OKX signs a fee negative when charged; the log's fee is what
 * was paid, so it flips.
 */
export function toLogRow(b: z.infer<typeof billsSchema>[number]): TransactionLogRow {
  return {
    usdtRate: b.type === '8' && isCash(b.ccy) ? '1' : null,
    logId: b.billId, category: textOrNull(b.instType?.toLowerCase()), symbol: textOrNull(b.instId), type: b.subType ? `${b.type}/${b.subType}` : b.type, side: null,
    currency: b.ccy, qty: orNull(b.sz), size: null, tradePrice: orNull(b.px), change: dec(b.balChg).toString(), cashFlow: null,
    funding: b.type === '8' ? dec(b.balChg).toString() : null, fee: b.fee === undefined || b.fee === '' ? null : dec(b.fee).negated().toString(), cashBalance: dec(b.bal).toString(),
    tradeId: textOrNull(b.tradeId), orderId: textOrNull(b.ordId), transactionTime: new Date(Number(b.ts)), raw: b,
  };
}
