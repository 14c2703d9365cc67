// Deposits, withdrawals, internal and universal transfers, convert history.
import { emptyHistory, type ConvertRecord, type DepositRecord, type TransferRecord, type UniversalTransferRecord, type WithdrawalRecord } from './history-types.js';
import { DAY_MS, listLimit, pageOf, windowedPage } from './history-lists.js';
import type { HandlerContext } from './route-types.js';

const history = (ctx: HandlerContext) => ctx.scenario.history ?? emptyHistory();
const byCoin = <T extends { coin: string }>(ctx: HandlerContext, rows: readonly T[]) => rows.filter((r) => ctx.query.coin === undefined || r.coin === ctx.query.coin);

// Deposit and withdrawal records: 30 days by default and at most, limit 1..50.
const ASSET_RULES = { defaultMs: 30 * DAY_MS, maxMs: 30 * DAY_MS, maxLimit: 50, defaultLimit: 50 };
// Transfer lists: 7 days by default and at most, limit 1..50.
const TRANSFER_RULES = { defaultMs: 7 * DAY_MS, maxMs: 7 * DAY_MS, maxLimit: 50, defaultLimit: 20 };

function depositView(r: DepositRecord): Record<string, unknown> {
  return {
    id: r.id, coin: r.coin, chain: r.chain, amount: r.amount, txID: r.txID, status: r.status, toAddress: r.toAddress, tag: '', depositFee: r.depositFee,
    successAt: String(r.successAt), confirmations: '64', txIndex: '0', blockHash: '', batchReleaseLimit: '-1', depositType: String(r.depositType ?? 0),
  };
}

export function depositRecords(ctx: HandlerContext): unknown {
  const { page, nextPageCursor } = windowedPage(ctx, ASSET_RULES, byCoin(ctx, history(ctx).deposits), (r) => r.successAt);
  return { rows: page.map(depositView), nextPageCursor };
}

function withdrawalView(r: WithdrawalRecord): Record<string, unknown> {
  return {
    withdrawId: r.withdrawId, txID: r.txID, withdrawType: r.withdrawType, coin: r.coin, chain: r.chain, amount: r.amount, withdrawFee: r.withdrawFee,
    status: r.status, toAddress: r.toAddress, tag: '', createTime: String(r.createTime), updateTime: String(r.createTime),
  };
}

export function withdrawalRecords(ctx: HandlerContext): unknown {
  const { page, nextPageCursor } = windowedPage(ctx, ASSET_RULES, byCoin(ctx, history(ctx).withdrawals), (r) => r.createTime);
  return { rows: page.map(withdrawalView), nextPageCursor };
}

function transferView(r: TransferRecord | UniversalTransferRecord): Record<string, unknown> {
  return { ...r, timestamp: String(r.timestamp) };
}

export function internalTransfers(ctx: HandlerContext): unknown {
  const { page, nextPageCursor } = windowedPage(ctx, TRANSFER_RULES, byCoin(ctx, history(ctx).internalTransfers), (r) => r.timestamp);
  return { list: page.map(transferView), nextPageCursor };
}

export function universalTransfers(ctx: HandlerContext): unknown {
  const { page, nextPageCursor } = windowedPage(ctx, TRANSFER_RULES, byCoin(ctx, history(ctx).universalTransfers), (r) => r.timestamp);
  return { list: page.map(transferView), nextPageCursor };
}

function convertView(r: ConvertRecord): Record<string, unknown> {
  return {
    fromCoin: r.fromCoin, fromAmount: r.fromAmount, toCoin: r.toCoin, toAmount: r.toAmount, exchangeRate: r.exchangeRate,
    createdTime: String(Math.floor(r.createdTime / 1000)), exchangeTxId: r.exchangeTxId,
  };
}

/** No time filter: newest first, limit 1..50 (default 10), cursor paging. */
export function convertRecords(ctx: HandlerContext): unknown {
  const limit = listLimit(ctx, { maxLimit: 50, defaultLimit: 10 });
  const { fromCoin, toCoin } = ctx.query;
  const rows = history(ctx).converts
    .filter((r) => (fromCoin === undefined || r.fromCoin === fromCoin) && (toCoin === undefined || r.toCoin === toCoin))
    .sort((a, b) => b.createdTime - a.createdTime);
  const { page, nextPageCursor } = pageOf(ctx, rows, limit);
  return { orderBody: page.map(convertView), nextPageCursor };
}
