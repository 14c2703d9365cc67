import { dec } from '../../portfolio/decimal.js';
import type { CashFlowRow } from '../history-types.js';
import type { FillsState } from '../types.js';
import type { BybitApi } from './bybit-api.js';
import { HISTORY_MS, type WindowPlan } from './bybit-fills.js';
import {
  convertListSchema, depositListSchema, transferListSchema, withdrawalListSchema,
  type BybitConvert, type BybitDeposit, type BybitTransfer, type BybitWithdrawal,
} from './bybit-history-schemas.js';
import { readWindows, uniqueBy } from './bybit-windows.js';

const DAY = 86_400_000;
/** Deposit and withdrawal records: a window must stay under 30 days. */
export const ASSET_WINDOW_MS = 30 * DAY - 60_000;
/** Convert history is read page by page, newest first; each sync re-reads this much. */
const OVERLAP_MS = 5 * 60_000;

const feeOrNull = (s: string | undefined) => (s === undefined || s === '' ? null : dec(s).toString());
const text = (v: string | number | undefined) => (v === undefined || v === '' ? null : String(v));

/** Raw types we know the meaning of; others are stored as sent and named in a warning. */
const KNOWN_DEPOSIT_TYPES = new Set(['0', '10', '20', '30', '40', '50']);
const KNOWN_WITHDRAW_TYPES = new Set(['0', '1']);
const KNOWN_WALLETS = new Set(['UNIFIED', 'FUND', 'CONTRACT', 'SPOT', 'INVESTMENT', 'OPTION']);

/** The raw types in these rows that we do not know, for a warning. */
export function unknownCashFlowTypes(rows: readonly CashFlowRow[]): string[] {
  const odd = new Set<string>();
  for (const r of rows) {
    if (r.kind === 'deposit' && r.rawType !== null && !KNOWN_DEPOSIT_TYPES.has(r.rawType)) odd.add(`deposit type ${r.rawType}`);
    if (r.kind === 'withdrawal' && r.rawType !== null && !KNOWN_WITHDRAW_TYPES.has(r.rawType)) odd.add(`withdrawal type ${r.rawType}`);
    for (const w of [r.fromWallet, r.toWallet]) if (w !== null && !KNOWN_WALLETS.has(w)) odd.add(`wallet ${w}`);
  }
  return [...odd];
}

export async function fetchDeposits(api: BybitApi, plan: WindowPlan): Promise<CashFlowRow[]> {
  const rows = await readWindows(api, plan, {
    path: 'v5/asset/deposit/query-record', what: 'the deposit history', params: {}, limit: 50, schema: depositListSchema, items: (r) => r.rows,
  }, true);
  return uniqueBy(rows, (r) => r.id).map(toDeposit);
}

function toDeposit(r: BybitDeposit): CashFlowRow {
  return {
    kind: 'deposit', flowId: r.id, asset: r.coin, amount: dec(r.amount).toString(), fee: feeOrNull(r.depositFee), counterAsset: null, counterAmount: null,
    fromWallet: null, toWallet: null, txId: text(r.txID), status: text(r.status), rawType: text(r.depositType), occurredAt: new Date(Number(r.successAt)), raw: r,
  };
}

export async function fetchWithdrawals(api: BybitApi, plan: WindowPlan): Promise<CashFlowRow[]> {
  const rows = await readWindows(api, plan, {
    path: 'v5/asset/withdraw/query-record', what: 'the withdrawal history', params: {}, limit: 50, schema: withdrawalListSchema, items: (r) => r.rows,
  }, true);
  return uniqueBy(rows, (r) => r.withdrawId).map(toWithdrawal);
}

function toWithdrawal(r: BybitWithdrawal): CashFlowRow {
  return {
    kind: 'withdrawal', flowId: r.withdrawId, asset: r.coin, amount: dec(r.amount).toString(), fee: feeOrNull(r.withdrawFee), counterAsset: null, counterAmount: null,
    fromWallet: null, toWallet: null, txId: text(r.txID), status: r.status, rawType: text(r.withdrawType), occurredAt: new Date(Number(r.createTime)), raw: r,
  };
}

/** Internal (between own wallets) or universal (between main and sub accounts) transfers. */
export async function fetchTransfers(api: BybitApi, plan: WindowPlan, kind: 'internal-transfer' | 'universal-transfer'): Promise<CashFlowRow[]> {
  const internal = kind === 'internal-transfer';
  const rows = await readWindows(api, plan, {
    path: internal ? 'v5/asset/transfer/query-inter-transfer-list' : 'v5/asset/transfer/query-universal-transfer-list',
    what: internal ? 'the internal transfer history' : 'the universal transfer history', params: {}, limit: 50, schema: transferListSchema, items: (r) => r.list,
  }, true);
  return uniqueBy(rows, (r) => r.transferId).map((r) => toTransfer(r, kind));
}

function toTransfer(r: BybitTransfer, kind: 'internal-transfer' | 'universal-transfer'): CashFlowRow {
  return {
    kind, flowId: r.transferId, asset: r.coin, amount: dec(r.amount).toString(), fee: null, counterAsset: null, counterAmount: null,
    fromWallet: r.fromAccountType, toWallet: r.toAccountType, txId: null, status: r.status, rawType: null, occurredAt: new Date(Number(r.timestamp)), raw: r,
  };
}

/**
 * Convert history has no time filter: pages run newest first, so the walk stops at the
 * first page reaching back past what is already stored (two years on the first sync).
 */
export async function fetchConverts(api: BybitApi, state: FillsState, now: number): Promise<{ rows: CashFlowRow[]; next: FillsState }> {
  const cold = state.historyStart === null || state.cursor === null;
  const floor = now - HISTORY_MS;
  const stopAt = cold ? floor : Math.max(floor, state.cursor!.getTime() - OVERLAP_MS);
  const rows: BybitConvert[] = [];
  let cursor = '';
  do {
    const params: Record<string, string | number> = { limit: 50 };
    if (cursor) params.cursor = cursor;
    const { result } = await api.privateGet('v5/asset/exchange/order-record', params, convertListSchema, 'the convert history');
    rows.push(...result.orderBody);
    if (result.orderBody.some((r) => Number(r.createdTime) * 1000 < stopAt)) break;
    cursor = result.nextPageCursor ?? '';
  } while (cursor);
  const flows = uniqueBy(rows, (r) => r.exchangeTxId).filter((r) => Number(r.createdTime) * 1000 >= floor).map(toConvert);
  return { rows: flows, next: { cursor: new Date(now), historyStart: cold ? new Date(floor) : state.historyStart } };
}

function toConvert(r: BybitConvert): CashFlowRow {
  return {
    kind: 'convert', flowId: r.exchangeTxId, asset: r.toCoin, amount: dec(r.toAmount).toString(), fee: null,
    counterAsset: r.fromCoin, counterAmount: dec(r.fromAmount).toString(), fromWallet: null, toWallet: null, txId: null, status: null, rawType: null,
    occurredAt: new Date(Number(r.createdTime) * 1000), raw: r,
  };
}
