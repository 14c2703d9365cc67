import { dec } from '../../portfolio/decimal.js';
import type { CashFlowRow, TransactionLogRow } from '../history-types.js';
import type { FillsState } from '../types.js';
import type { OkxApi } from './okx-api.js';
import { OKX_WALLETS } from './okx-parse.js';
import { fundingBillsSchema, type OkxFundingBill } from './okx-schemas.js';

const DAY = 86_400_000;
/** asset/bills answers the last month; older bills (since February 2021) come from asset/bills-history. */
const RECENT_MS = 30 * DAY - 3_600_000;
/** How far back the first sync reads the funding account: a year, as for deposits and withdrawals. */
export const OKX_FUNDING_BILLS_REACH_MS = 365 * DAY;
/** Bills can show up a little late (bills-history is updated every 30 s); each read re-reads this much. */
const OVERLAP_MS = 5 * 60_000;
const PAGE = 100;
const WHAT = 'the funding account bills';

/** Funding bill types the deposit and withdrawal histories hold already, with their tx ids, fees and states. */
const HELD_ELSEWHERE = new Set(['1', '2', '13']);

/**
 * Moves between the funding account and the trading account or Simple Earn savings,
 * which are read too: the trading side of a transfer is a type-1 bill of the trading
 * account, Simple Earn holds the coins it was given.
 */
const OWN_ACCOUNT_MOVES: Readonly<Record<string, { from: string; to: string }>> = {
  '130': { from: OKX_WALLETS.trading, to: OKX_WALLETS.funding },
  '131': { from: OKX_WALLETS.funding, to: OKX_WALLETS.trading },
  '75': { from: OKX_WALLETS.funding, to: OKX_WALLETS.savings },
  '76': { from: OKX_WALLETS.savings, to: OKX_WALLETS.funding },
};

/**
 * Transfers between a master account and its sub-accounts, named from the side of the
 * account the key belongs to: 20 to a sub-account and 21 from one (a master's key),
 * 22 to the master and 23 from it (a sub-account's key).
 */
export const OKX_SUB_ACCOUNT_TRANSFERS = { in: ['21', '23'], out: ['20', '22'] } as const;

/** Every funding bill since the cursor (a year back on the first sync), newest first, each once. */
export async function fetchOkxFundingBills(api: OkxApi, state: FillsState, serverNow: number): Promise<OkxFundingBill[]> {
  const floor = serverNow - OKX_FUNDING_BILLS_REACH_MS;
  const from = state.cursor === null || state.historyStart === null ? floor : Math.max(floor, state.cursor.getTime() - OVERLAP_MS);
  const rows: OkxFundingBill[] = [];
  const take = (page: readonly OkxFundingBill[]) => {
    rows.push(...page.filter((b) => Number(b.ts) >= from));
    return page.length < PAGE || page.some((b) => Number(b.ts) < from);
  };
  let after: string | null = null;
  if (serverNow - from <= RECENT_MS) {
    // A warm sync: one request. asset/bills pages by time, where bills of the same
    // millisecond could fall between two pages; a longer walk goes on by bill id.
    const page = await api.privateGet('asset/bills', { limit: PAGE }, fundingBillsSchema, WHAT);
    if (take(page)) return unique(rows);
    after = page[page.length - 1]!.billId;
  }
  for (;;) {
    const params: Record<string, string | number> = { pagingType: 2, limit: PAGE };
    if (after !== null) params.after = after;
    const page = await api.privateGet('asset/bills-history', params, fundingBillsSchema, WHAT);
    if (take(page)) return unique(rows);
    after = page[page.length - 1]!.billId;
  }
}

function unique(rows: readonly OkxFundingBill[]): OkxFundingBill[] {
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.billId) && seen.add(r.billId));
}

/**
 * Where a funding bill is stored, once: a transfer between the account's own wallets
 * (internal-transfer) or with a sub-account (universal-transfer, its type saying the
 * direction) as a cash flow; a deposit or withdrawal nowhere (their own lists hold
 * them); anything else (rewards, airdrops, staking, fiat, loans) in the transaction log
 * under category `funding`, its id prefixed so it never meets a trading bill's.
 */
export function fundingBillRecord(b: OkxFundingBill): { cashFlow: CashFlowRow } | { log: TransactionLogRow } | null {
  if (HELD_ELSEWHERE.has(b.type)) return null;
  const occurredAt = new Date(Number(b.ts));
  const amount = dec(b.balChg).abs().toString();
  const own = OWN_ACCOUNT_MOVES[b.type];
  const into = (OKX_SUB_ACCOUNT_TRANSFERS.in as readonly string[]).includes(b.type);
  if (own || into || (OKX_SUB_ACCOUNT_TRANSFERS.out as readonly string[]).includes(b.type)) {
    return {
      cashFlow: {
        kind: own ? 'internal-transfer' : 'universal-transfer', flowId: b.billId, asset: b.ccy, amount, fee: null, counterAsset: null, counterAmount: null,
        fromWallet: own ? own.from : into ? null : OKX_WALLETS.funding, toWallet: own ? own.to : into ? OKX_WALLETS.funding : null,
        txId: null, status: null, rawType: b.type, occurredAt, raw: b,
      },
    };
  }
  return {
    log: {
      logId: `funding-${b.billId}`, category: 'funding', symbol: null, type: b.type, side: null, currency: b.ccy, qty: null, size: null, tradePrice: null,
      change: dec(b.balChg).toString(), cashFlow: null, funding: null, fee: null, cashBalance: dec(b.bal).toString(), tradeId: null, orderId: null,
      transactionTime: occurredAt, raw: b,
    },
  };
}
