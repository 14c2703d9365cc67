import { z } from 'zod';

// What the sync reads of each OKX V5 answer's `data` array; numbers stay the strings OKX sent.
// OKX sends "" for an empty number, so every numeric field accepts it.

const num = z.string();

export const instrumentsSchema = z.array(z.object({ instId: z.string(), baseCcy: z.string(), quoteCcy: z.string() }));

/** SWAP and FUTURES instruments: one contract is `ctVal` of `ctValCcy` (0.01 BTC, or 100 USD for an inverse one). */
export const contractsSchema = z.array(z.object({ instId: z.string(), ctVal: num, ctValCcy: z.string() }));

export const tickersSchema = z.array(z.object({ instId: z.string(), last: num, open24h: num.optional() }));

/** account/balance: `cashBal` is the balance without unrealised P&L; `eq` adds it. */
export const tradingBalanceSchema = z.array(z.object({
  details: z.array(z.object({ ccy: z.string(), cashBal: num, eq: num.optional(), upl: num.optional() })),
}));

export const fundingBalanceSchema = z.array(z.object({ ccy: z.string(), bal: num }));

export const savingsBalanceSchema = z.array(z.object({ ccy: z.string(), amt: num, earnings: num.optional() }));

export const positionsSchema = z.array(z.object({
  instType: z.string(), instId: z.string(), pos: num, posSide: z.string(), avgPx: num, markPx: num.optional(),
  upl: num, lever: num.optional(), liqPx: num.optional(), ccy: z.string(),
  // Initial margin of a cross position; `margin` of an isolated one.
  imr: num.optional(), margin: num.optional(),
}));

export const fillsSchema = z.array(z.object({
  instType: z.string(), instId: z.string(), tradeId: z.string(), ordId: z.string(), billId: z.string(),
  side: z.enum(['buy', 'sell']), fillSz: num, fillPx: num, fee: num, feeCcy: z.string(), ts: z.string(),
}));
export type OkxFillRaw = z.infer<typeof fillsSchema>[number];

/** account/config: the key's permissions ("read_only,trade,withdraw") and bound IPs ("" = none). */
export const accountConfigSchema = z.array(z.object({
  uid: z.string(), acctLv: z.string(), perm: z.string(), ip: z.string().optional(), label: z.string().optional(), posMode: z.string().optional(),
})).min(1);
export type OkxAccountConfig = z.infer<typeof accountConfigSchema>[number];

export const depositsSchema = z.array(z.object({ depId: z.string(), ccy: z.string(), amt: num, state: z.string(), txId: z.string().optional(), ts: z.string() }));
export const withdrawalsSchema = z.array(z.object({ wdId: z.string(), ccy: z.string(), amt: num, fee: num.optional(), state: z.string(), txId: z.string().optional(), ts: z.string() }));

/** account/positions-history: one row per (partly) closed position, with its realised P&L. */
export const positionsHistorySchema = z.array(z.object({
  posId: z.string(), instType: z.string(), instId: z.string(), direction: z.string(), type: z.string().optional(), openAvgPx: num, closeAvgPx: num,
  closeTotalPos: num, realizedPnl: num, fee: num.optional(), lever: num.optional(), cTime: z.string(), uTime: z.string(),
}));

/**
 * account/bills: every change of a trading-account balance, with the balance after it.
 * `from`/`to` name the accounts of a transfer (6 funding, 18 trading), "" otherwise.
 */
export const billsSchema = z.array(z.object({
  billId: z.string(), ccy: z.string(), balChg: num, bal: num, type: z.string(), subType: z.string().optional(), instId: z.string().optional(),
  instType: z.string().optional(), sz: num.optional(), px: num.optional(), fee: num.optional(), pnl: num.optional(), ordId: z.string().optional(),
  tradeId: z.string().optional(), from: z.string().optional(), to: z.string().optional(), ts: z.string(),
}));

/** asset/bills and asset/bills-history: every change of a funding-account balance, with the balance after it. */
export const fundingBillsSchema = z.array(z.object({
  billId: z.string(), ccy: z.string(), balChg: num, bal: num, type: z.string(), clientId: z.string().optional(), notes: z.string().optional(), ts: z.string(),
}));
export type OkxFundingBill = z.infer<typeof fundingBillsSchema>[number];
