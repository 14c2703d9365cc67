// GET /v5/position/closed-pnl and GET /v5/account/transaction-log.
import { paramsError } from './envelope.js';
import { emptyHistory, type ClosedPnlRecord, type TransactionLogRecord } from './history-types.js';
import { DAY_MS, windowedPage } from './history-lists.js';
import { requireCategory } from './market.js';
import type { HandlerContext } from './route-types.js';

function closedPnlView(r: ClosedPnlRecord): Record<string, unknown> {
  return {
    symbol: r.symbol, orderType: r.orderType ?? 'Market', leverage: r.leverage, updatedTime: String(r.createdTime), side: r.side, orderId: r.orderId,
    closedPnl: r.closedPnl, openFee: r.openFee, closeFee: r.closeFee, avgEntryPrice: r.avgEntryPrice, qty: r.qty, cumEntryValue: r.cumEntryValue,
    createdTime: String(r.createdTime), orderPrice: r.orderPrice, closedSize: r.closedSize, avgExitPrice: r.avgExitPrice, execType: r.execType ?? 'Trade',
    fillCount: r.fillCount ?? '1', cumExitValue: r.cumExitValue,
  };
}

/** Closed P&L: linear or inverse, 7-day windows (7 days back by default), limit 1..100. */
export function closedPnlList(ctx: HandlerContext): unknown {
  const category = requireCategory(ctx, ['linear', 'inverse']);
  const records = (ctx.scenario.history ?? emptyHistory()).closedPnl
    .filter((r) => r.category === category && (ctx.query.symbol === undefined || r.symbol === ctx.query.symbol));
  const { page, nextPageCursor } = windowedPage(ctx, { defaultMs: 7 * DAY_MS, maxMs: 7 * DAY_MS, maxLimit: 100, defaultLimit: 50 }, records, (r) => r.createdTime);
  return { nextPageCursor, category, list: page.map(closedPnlView) };
}

function logView(r: TransactionLogRecord): Record<string, unknown> {
  return {
    id: r.id, symbol: r.symbol, category: r.category, side: r.side, transactionTime: String(r.transactionTime), type: r.type, transSubType: '',
    qty: r.qty ?? '0', size: r.size ?? '0', currency: r.currency, tradePrice: r.tradePrice ?? '', funding: r.funding ?? '', fee: r.fee ?? '',
    cashFlow: r.cashFlow ?? '0', change: r.change, cashBalance: r.cashBalance, feeRate: '', bonusChange: '', tradeId: r.tradeId ?? '',
    orderId: r.orderId ?? '', orderLinkId: '', extraFees: '',
  };
}

/** Unified accounts only; 24 h by default, at most 7 days, limit 1..50. */
export function transactionLog(ctx: HandlerContext): unknown {
  if (ctx.scenario.accountMode !== 'uta') throw paramsError('accountType only support UNIFIED');
  const accountType = ctx.query.accountType;
  if (accountType !== undefined && accountType !== 'UNIFIED') throw paramsError('params error: accountType only supports UNIFIED');
  const { category, currency, type } = ctx.query;
  const records = (ctx.scenario.history ?? emptyHistory()).transactionLog
    .filter((r) => (category === undefined || r.category === category) && (currency === undefined || r.currency === currency) && (type === undefined || r.type === type));
  const { page, nextPageCursor } = windowedPage(ctx, { defaultMs: DAY_MS, maxMs: 7 * DAY_MS, maxLimit: 50, defaultLimit: 20 }, records, (r) => r.transactionTime);
  return { nextPageCursor, list: page.map(logView) };
}
