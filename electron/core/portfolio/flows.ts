import type { CashFlowRow, ClosedPnlRow, TransactionLogRow } from '../exchange/history-types.js';
import type { CostFill } from './cost-basis.js';
import { dec, ONE, type Dec } from './decimal.js';

/** A change of one asset's balance at one moment (a trade leg, a fee, a deposit). */
export interface Flow {
  asset: string;
  delta: Dec;
  at: Date;
}

/** Everything stored about one account that moved its coins. */
export interface AccountRecords {
  spotFills: readonly CostFill[];
  cashFlows: readonly CashFlowRow[];
  transactionLog: readonly TransactionLogRow[];
  closedPnl: readonly ClosedPnlRow[];
  /** A Bybit Unified account: its transaction log carries derivative P&L, funding and fees. */
  unified: boolean;
}

/** The balance changes of an account, and the records that could not be placed. */
export interface AccountFlows {
  flows: Flow[];
  /** Assets of sub-account transfers whose direction could not be told (counted nowhere). */
  undirectedTransfers: string[];
}

/** The balance changes of spot fills: base and quote legs, and a fee wherever it was charged. */
export function flowsOfFills(fills: readonly CostFill[]): Flow[] {
  const flows: Flow[] = [];
  for (const f of fills) {
    const gross = f.quantity.times(f.price);
    const sign = f.side === 'buy' ? ONE : ONE.neg();
    flows.push({ asset: f.base, delta: f.quantity.times(sign), at: f.executedAt });
    flows.push({ asset: f.quote, delta: gross.times(sign).neg(), at: f.executedAt });
    if (f.fee !== null && !f.fee.isZero() && f.feeCurrency !== null) flows.push({ asset: f.feeCurrency, delta: f.fee.neg(), at: f.executedAt });
  }
  return flows;
}

/** What the rules read of a sub-account transfer. */
export type TransferRecord = Pick<CashFlowRow, 'kind' | 'status' | 'rawType' | 'raw'>;

/**
 * What one exchange's stored records mean for the account's coins: the part of the flows
 * that differs by exchange (its statuses, how a sub-account transfer names its side,
 * which log rows other records already hold). Each exchange folder has its own.
 */
export interface FlowRules {
  /** Whether a deposit, by its status as the exchange sent it, reached the balance. */
  depositCredited(status: string | null): boolean;
  /** Whether a withdrawal left the balance: all but those undone (cancelled, rejected, failed). */
  withdrawalLeft(status: string | null): boolean;
  /**
   * The side of each universal (sub-account) transfer, given all the account's cash
   * flows: 1 into this account, −1 out of it, 0 when it moved nothing (it failed, or went
   * from the account to itself), null when the records cannot tell.
   */
  transferSides(cashFlows: readonly TransferRecord[]): (c: TransferRecord) => 1 | -1 | 0 | null;
  /** Whether a transaction-log row changes the coins in a way no other record shows. */
  countsLogRow(r: Pick<TransactionLogRow, 'type' | 'category'>): boolean;
  /** Where derivative results (realised P&L, fees, funding) are: the transaction log or closed P&L. */
  derivativeCash(unified: boolean): 'log' | 'closed-pnl';
  /** How far back the imported history reaches, in words that follow "older than" ("two years"). */
  historyReach: string;
}

/**
 * Every balance change of one account, from its stored records:
 * - spot fills: base, quote and fee legs;
 * - deposits: +amount once credited; withdrawals: −(amount + fee) unless undone, since
 *   the amount is what reaches the address and the fee comes on top of it;
 * - internal transfers: nothing (between this account's own wallets);
 * - universal transfers: ± by the side the rules give, or listed as undirected;
 * - converts: +received, −given;
 * - derivative results: the transaction log rows the rules count, or else closed P&L
 *   (fees included) in the contract's settle coin.
 * Derivative fills move no coin themselves: their cash is in the log or closed P&L.
 */
export function accountFlows(records: AccountRecords, rules: FlowRules): AccountFlows {
  const flows = flowsOfFills(records.spotFills);
  const undirected = new Set<string>();
  const sideOf = rules.transferSides(records.cashFlows);
  for (const c of records.cashFlows) {
    const amount = dec(c.amount);
    const at = c.occurredAt;
    switch (c.kind) {
      case 'deposit':
        if (rules.depositCredited(c.status)) flows.push({ asset: c.asset, delta: amount, at });
        break;
      case 'withdrawal':
        if (rules.withdrawalLeft(c.status)) flows.push({ asset: c.asset, delta: amount.plus(c.fee === null ? '0' : dec(c.fee)).neg(), at });
        break;
      case 'universal-transfer': {
        const side = sideOf(c);
        if (side === null) undirected.add(c.asset);
        else if (side !== 0) flows.push({ asset: c.asset, delta: side === 1 ? amount : amount.neg(), at });
        break;
      }
      case 'convert':
        flows.push({ asset: c.asset, delta: amount, at });
        if (c.counterAsset !== null && c.counterAmount !== null) flows.push({ asset: c.counterAsset, delta: dec(c.counterAmount).neg(), at });
        break;
      // Stryker disable next-line ConditionalExpression,StringLiteral: the last case does nothing, so without its break or its label an internal transfer still moves nothing
      case 'internal-transfer':
        break;
    }
  }
  if (rules.derivativeCash(records.unified) === 'log') {
    for (const r of records.transactionLog) if (rules.countsLogRow(r)) flows.push({ asset: r.currency, delta: dec(r.change), at: r.transactionTime });
  } else {
    for (const p of records.closedPnl) {
      const coin = settleCoin(p.category, p.symbol);
      if (coin !== null) flows.push({ asset: coin, delta: dec(p.closedPnl), at: p.createdAt });
    }
  }
  return { flows, undirectedTransfers: [...undirected].sort() };
}

/** The coin a derivative settles in: linear in its quote (USDT, USDC), inverse in its base. */
function settleCoin(category: string, symbol: string): string | null {
  const head = symbol.split('-')[0] ?? symbol;
  if (category === 'inverse') return /^([A-Z0-9]+?)USD([FGHJKMNQUVXZ]\d{2})?$/.exec(head)?.[1] ?? null;
  if (head.endsWith('USDT')) return 'USDT';
  if (head.endsWith('USDC') || head.endsWith('PERP') || symbol.includes('-')) return 'USDC';
  return null;
}
