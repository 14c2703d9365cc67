import { z } from 'zod';

/**
 * The parts of Bybit V5 answers we read. Numbers arrive as strings and stay strings
 * (exact); a field we rely on that is missing makes the answer a bad response rather
 * than a silent zero. Bybit sends "" for "not applicable", which `numStr` allows.
 */
const numStr = z.string().regex(/^-?\d*(\.\d+)?(e-?\d+)?$/i, 'not a number');
const required = z.string().min(1);

export const instrumentsSchema = z.object({
  list: z.array(z.object({ symbol: required, baseCoin: required, quoteCoin: required, status: z.string().optional() })),
  nextPageCursor: z.string().optional(),
});

export const tickersSchema = z.object({
  list: z.array(z.object({ symbol: required, lastPrice: numStr, price24hPcnt: numStr.optional() })),
});

const unifiedCoin = z.object({
  coin: required,
  walletBalance: numStr,
  totalPositionIM: numStr.optional(),
  unrealisedPnl: numStr.optional(),
});

export const walletBalanceSchema = z.object({
  list: z.array(z.object({ accountType: required, coin: z.array(unifiedCoin) })),
});

export const fundBalanceSchema = z.object({
  accountType: z.string().optional(),
  /** The account's own member id (UID), as sub-account transfers name it. */
  memberId: z.union([z.string(), z.number()]).optional(),
  balance: z.array(z.object({ coin: required, walletBalance: numStr })),
});

export const executionSchema = z.object({
  symbol: required,
  orderId: z.string().optional(),
  side: z.enum(['Buy', 'Sell']),
  execId: required,
  execPrice: numStr,
  execQty: numStr,
  execFee: numStr.optional(),
  feeCurrency: z.string().optional(),
  execType: z.string().optional(),
  execTime: z.string().regex(/^\d+$/),
});
export type BybitExecution = z.infer<typeof executionSchema>;

export const executionListSchema = z.object({
  list: z.array(executionSchema),
  nextPageCursor: z.string().optional(),
});

export const positionListSchema = z.object({
  list: z.array(z.object({
    symbol: required,
    side: z.string(),
    size: numStr,
    avgPrice: numStr.optional(),
    markPrice: numStr.optional(),
    unrealisedPnl: numStr.optional(),
    leverage: numStr.optional(),
    liqPrice: numStr.optional(),
    positionIM: numStr.optional(),
  })),
  nextPageCursor: z.string().optional(),
});

/**
 * `/v5/earn/position`: Flexible Saving also lists fully redeemed positions (amount 0).
 * Rows carry no category of their own; one that does and names another product is
 * kept under its raw type rather than dropped.
 */
export const earnPositionSchema = z.object({
  list: z.array(z.object({
    coin: required,
    productId: required,
    amount: numStr.refine((s) => s !== '', 'is empty'),
    category: z.string().optional(),
    status: z.string().optional(),
  })),
});

export const klineSchema = z.object({
  list: z.array(z.array(z.string()).min(5)),
});
