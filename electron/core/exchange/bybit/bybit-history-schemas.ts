import { z } from 'zod';

/**
 * The history answers we store (Bybit V5 docs: position/close-pnl, account/transaction-log,
 * asset/deposit-record, withdraw-record, inter-transfer-list, unitransfer-list, exchange).
 * Records are loose objects: every field Bybit sends is kept for the `raw` column, the
 * ones we rely on are checked. A required figure that is missing or not a number makes
 * the answer a bad response, never a silent zero; optional ones may be "" (not applicable).
 */
const num = z.string().regex(/^-?\d+(\.\d+)?(e[-+]?\d+)?$/i, 'not a number');
const optNum = z.string().regex(/^(-?\d+(\.\d+)?(e[-+]?\d+)?)?$/i, 'not a number').optional();
const ms = z.string().regex(/^\d+$/, 'not a timestamp');
const required = z.string().min(1);
const opt = z.string().optional();
const cursor = z.string().optional();

export const closedPnlSchema = z.looseObject({
  symbol: required, orderId: required, side: required, qty: optNum, orderPrice: optNum, orderType: opt, execType: opt,
  closedSize: optNum, cumEntryValue: optNum, avgEntryPrice: optNum, cumExitValue: optNum, avgExitPrice: optNum,
  closedPnl: num, openFee: optNum, closeFee: optNum, fillCount: opt, leverage: optNum, createdTime: ms, updatedTime: ms.optional(),
});
export const closedPnlListSchema = z.object({ list: z.array(closedPnlSchema), nextPageCursor: cursor });
export type BybitClosedPnl = z.infer<typeof closedPnlSchema>;

export const transactionLogSchema = z.looseObject({
  id: required, symbol: opt, category: opt, side: opt, transactionTime: ms, type: required, qty: optNum, size: optNum,
  currency: required, tradePrice: optNum, funding: optNum, fee: optNum, cashFlow: optNum, change: num, cashBalance: num,
  tradeId: opt, orderId: opt,
});
export const transactionLogListSchema = z.object({ list: z.array(transactionLogSchema), nextPageCursor: cursor });
export type BybitTransactionLog = z.infer<typeof transactionLogSchema>;

export const depositSchema = z.looseObject({
  id: required, coin: required, chain: opt, amount: num, txID: opt, status: z.union([z.number(), z.string()]),
  toAddress: opt, depositFee: optNum, successAt: ms, depositType: z.union([z.number(), z.string()]).optional(),
});
export const depositListSchema = z.object({ rows: z.array(depositSchema), nextPageCursor: cursor });
export type BybitDeposit = z.infer<typeof depositSchema>;

export const withdrawalSchema = z.looseObject({
  withdrawId: required, coin: required, chain: opt, amount: num, withdrawFee: optNum, txID: opt, status: required,
  toAddress: opt, withdrawType: z.union([z.number(), z.string()]).optional(), createTime: ms, updateTime: ms.optional(),
});
export const withdrawalListSchema = z.object({ rows: z.array(withdrawalSchema), nextPageCursor: cursor });
export type BybitWithdrawal = z.infer<typeof withdrawalSchema>;

export const transferSchema = z.looseObject({
  transferId: required, coin: required, amount: num, fromAccountType: required, toAccountType: required,
  timestamp: ms, status: required, fromMemberId: opt, toMemberId: opt,
});
export const transferListSchema = z.object({ list: z.array(transferSchema), nextPageCursor: cursor });
export type BybitTransfer = z.infer<typeof transferSchema>;

/** Convert (coin exchange) records carry their time in seconds, not milliseconds. */
export const convertSchema = z.looseObject({
  fromCoin: required, fromAmount: num, toCoin: required, toAmount: num, exchangeRate: optNum,
  createdTime: z.string().regex(/^\d+$/, 'not a timestamp'), exchangeTxId: required,
});
export const convertListSchema = z.object({ orderBody: z.array(convertSchema), nextPageCursor: cursor });
export type BybitConvert = z.infer<typeof convertSchema>;
