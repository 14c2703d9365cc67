import { dec } from '../../portfolio/decimal.js';
import type { ClosedPnlRow, TransactionLogRow } from '../history-types.js';
import type { FillRow } from '../types.js';
import type { BybitApi } from './bybit-api.js';
import type { WindowPlan } from './bybit-fills.js';
import { closedPnlListSchema, transactionLogListSchema, type BybitClosedPnl, type BybitTransactionLog } from './bybit-history-schemas.js';
import { executionListSchema, type BybitExecution } from './bybit-schemas.js';
import { readWindows, uniqueBy } from './bybit-windows.js';

export type DerivativeCategory = 'linear' | 'inverse';

const orNull = (s: string | undefined): string | null => (s === undefined || s === '' ? null : dec(s).toString());
const textOrNull = (s: string | undefined): string | null => (s === undefined || s === '' ? null : s);

// Funding and settlement show up in the execution list too, but they are not trades:
// the transaction log stores them, with the balance after each.
const NOT_TRADES = new Set(['Funding', 'Settle', 'Delivery']);

/** Linear or inverse executions of every window (the endpoint and windows of spot fills). */
export async function fetchDerivativeFills(api: BybitApi, plan: WindowPlan, category: DerivativeCategory): Promise<FillRow[]> {
  const rows = await readWindows(api, plan, {
    path: 'v5/execution/list', what: `the ${category} trade history`, params: { category }, limit: 100,
    schema: executionListSchema, items: (r) => r.list,
  });
  return uniqueBy(rows, (e) => e.execId).filter((e) => !NOT_TRADES.has(e.execType ?? 'Trade')).map((e) => toDerivativeFill(e, category));
}

/**
 * base/quote of a derivative symbol: BTCUSDT and BTCPERP (USDC) are linear, BTCUSD and
 * BTCUSDH25 inverse; dated futures carry their expiry after a dash. Linear contracts
 * settle in the quote, inverse in the base.
 */
export function splitDerivative(symbol: string, category: DerivativeCategory): { base: string; quote: string } {
  const head = symbol.split('-')[0] ?? symbol;
  if (category === 'inverse') {
    const m = /^([A-Z0-9]+?)USD([FGHJKMNQUVXZ]\d{2})?$/.exec(head);
    return { base: m?.[1] ?? head, quote: 'USD' };
  }
  for (const [suffix, quote] of [['USDT', 'USDT'], ['USDC', 'USDC'], ['PERP', 'USDC']] as const) {
    if (head.endsWith(suffix) && head.length > suffix.length) return { base: head.slice(0, -suffix.length), quote };
  }
  // A USDC future is named by its base alone (BTC-27DEC24).
  return { base: head, quote: symbol.includes('-') ? 'USDC' : '' };
}

export function toDerivativeFill(e: BybitExecution, category: DerivativeCategory): FillRow {
  const { base, quote } = splitDerivative(e.symbol, category);
  const fee = e.execFee && e.execFee !== '' ? dec(e.execFee).toString() : null;
  // Bybit leaves feeCurrency empty for derivatives: the fee is paid in the settle coin.
  const feeCurrency = e.feeCurrency || (category === 'inverse' ? base : quote) || null;
  return {
    fillId: e.execId, orderId: e.orderId || null, category, symbol: e.symbol, base, quote, side: e.side === 'Buy' ? 'buy' : 'sell',
    price: e.execPrice, quantity: e.execQty, fee, feeCurrency: fee === null ? null : feeCurrency, feeUsdtRate: null, quoteUsdtRate: null,
    executedAt: new Date(Number(e.execTime)),
  };
}

/** Closed P&L records of every window. */
export async function fetchClosedPnl(api: BybitApi, plan: WindowPlan, category: DerivativeCategory): Promise<ClosedPnlRow[]> {
  const rows = await readWindows(api, plan, {
    path: 'v5/position/closed-pnl', what: `the ${category} closed P&L`, params: { category }, limit: 100,
    schema: closedPnlListSchema, items: (r) => r.list,
  });
  return uniqueBy(rows, (r) => `${r.symbol}|${r.orderId}|${r.createdTime}`).map((r) => toClosedPnl(r, category));
}

function toClosedPnl(r: BybitClosedPnl, category: DerivativeCategory): ClosedPnlRow {
  return {
    category, symbol: r.symbol, orderId: r.orderId, side: r.side, qty: orNull(r.qty), orderPrice: orNull(r.orderPrice),
    orderType: textOrNull(r.orderType), execType: textOrNull(r.execType), closedSize: orNull(r.closedSize), cumEntryValue: orNull(r.cumEntryValue),
    avgEntryPrice: orNull(r.avgEntryPrice), cumExitValue: orNull(r.cumExitValue), avgExitPrice: orNull(r.avgExitPrice),
    closedPnl: dec(r.closedPnl).toString(), openFee: orNull(r.openFee), closeFee: orNull(r.closeFee), fillCount: textOrNull(r.fillCount),
    leverage: orNull(r.leverage), createdAt: new Date(Number(r.createdTime)),
    updatedAt: r.updatedTime === undefined ? null : new Date(Number(r.updatedTime)), raw: r,
  };
}

/** Transaction-log types Bybit documents; any other is stored as sent and named in a warning. */
export const KNOWN_TRANSACTION_TYPES: ReadonlySet<string> = new Set([
  'TRANSFER_IN', 'TRANSFER_OUT', 'TRADE', 'SETTLEMENT', 'DELIVERY', 'LIQUIDATION', 'ADL', 'AIRDROP', 'BONUS', 'BONUS_RECOLLECT',
  'FEE_REFUND', 'INTEREST', 'CURRENCY_BUY', 'CURRENCY_SELL', 'AUTO_DEDUCTION', 'SPOT_REPAYMENT_SELL', 'SPOT_REPAYMENT_BUY',
  'TOKENS_SUBSCRIPTION', 'TOKENS_REDEMPTION', 'FLEXIBLE_STAKING_SUBSCRIPTION', 'FLEXIBLE_STAKING_REDEMPTION', 'FIXED_STAKING_SUBSCRIPTION',
  'FLEXIBLE_STAKING_REFUND', 'FIXED_STAKING_REFUND', 'BORROWED_AMOUNT_INS_LOAN', 'PRINCIPLE_REPAYMENT_INS_LOAN', 'INTEREST_REPAYMENT_INS_LOAN',
  'AUTO_SOLD_COLLATERAL_INS_LOAN', 'AUTO_BUY_LIABILITY_INS_LOAN', 'AUTO_PRINCIPLE_REPAYMENT_INS_LOAN', 'AUTO_INTEREST_REPAYMENT_INS_LOAN',
  'TRANSFER_IN_INS_LOAN', 'TRANSFER_OUT_INS_LOAN',
]);

/** The Unified account's transaction log (funding, fees, settlement, transfers) of every window. */
export async function fetchTransactionLog(api: BybitApi, plan: WindowPlan): Promise<TransactionLogRow[]> {
  const rows = await readWindows(api, plan, {
    path: 'v5/account/transaction-log', what: 'the transaction log', params: { accountType: 'UNIFIED' }, limit: 50,
    schema: transactionLogListSchema, items: (r) => r.list,
  });
  return uniqueBy(rows, (r) => r.id).map(toTransactionLog);
}

function toTransactionLog(r: BybitTransactionLog): TransactionLogRow {
  return {
    logId: r.id, category: textOrNull(r.category), symbol: textOrNull(r.symbol), type: r.type, side: textOrNull(r.side), currency: r.currency,
    qty: orNull(r.qty), size: orNull(r.size), tradePrice: orNull(r.tradePrice), change: dec(r.change).toString(), cashFlow: orNull(r.cashFlow),
    funding: orNull(r.funding), fee: orNull(r.fee), cashBalance: dec(r.cashBalance).toString(), tradeId: textOrNull(r.tradeId),
    orderId: textOrNull(r.orderId), transactionTime: new Date(Number(r.transactionTime)), raw: r,
  };
}
