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
  /** A Unified account: its transaction log carries derivative P&L, funding and fees. */
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

// A deposit is credited at status 3; a withdrawal that failed, was cancelled or rejected
// never left; a transfer counts once it succeeded.
const DEPOSIT_CREDITED = '3';
const WITHDRAWAL_UNDONE = new Set(['CancelByUser', 'Reject', 'Fail']);

// Transaction-log types that only move coins between this account's own wallets and
// products (the balances compared are summed over all of them) or that the cash-flow
// lists already hold: counting them would count those moves twice.
const LOG_MOVES = new Set([
  'TRANSFER_IN', 'TRANSFER_OUT', 'FLEXIBLE_STAKING_SUBSCRIPTION', 'FLEXIBLE_STAKING_REDEMPTION', 'FLEXIBLE_STAKING_REFUND',
  'FIXED_STAKING_SUBSCRIPTION', 'FIXED_STAKING_REFUND',
]);

/**
 * Which transaction-log rows change the account's coins in a way no other record
 * shows: derivative trades' realised P&L and fees, funding and session settlement,
 * delivery, liquidation, interest, bonuses, airdrops, auto-repayments and unknown types.
 * Spot trades are left out (the spot fills hold them, legs and fee), and so are moves
 * between the account's own wallets and deposits or transfers in from outside.
 */
export function countsLogRow(r: Pick<TransactionLogRow, 'type' | 'category'>): boolean {
  if (LOG_MOVES.has(r.type)) return false;
  return !(r.type === 'TRADE' && r.category === 'spot');
}

/**
 * Every balance change of one account, from its stored records:
 * - spot fills: base, quote and fee legs;
 * - deposits: +amount once credited; withdrawals: −(amount + fee), since Bybit's
 *   amount is what reaches the address and the fee comes on top of it;
 * - internal transfers: nothing (between this account's own wallets);
 * - universal transfers: ± by which side this account is (see {@link ownMemberId});
 * - converts: +received, −given;
 * - Unified accounts: the transaction log rows {@link countsLogRow} keeps; other
 *   accounts have no log, so closed P&L (fees included) stands for derivative results.
 * Derivative fills move no coin themselves: their cash is in the log or closed P&L.
 */
export function accountFlows(records: AccountRecords): AccountFlows {
  const flows = flowsOfFills(records.spotFills);
  const undirected = new Set<string>();
  const self = ownMemberId(records.cashFlows);
  for (const c of records.cashFlows) {
    const amount = dec(c.amount);
    const at = c.occurredAt;
    switch (c.kind) {
      case 'deposit':
        if (c.status === DEPOSIT_CREDITED) flows.push({ asset: c.asset, delta: amount, at });
        break;
      case 'withdrawal':
        if (c.status === null || !WITHDRAWAL_UNDONE.has(c.status)) flows.push({ asset: c.asset, delta: amount.plus(c.fee === null ? '0' : dec(c.fee)).neg(), at });
        break;
      case 'universal-transfer': {
        if (c.status !== 'SUCCESS') break;
        const direction = transferDirection(c.raw, self);
        if (direction === 'in') flows.push({ asset: c.asset, delta: amount, at });
        else if (direction === 'out') flows.push({ asset: c.asset, delta: amount.neg(), at });
        else if (direction === null) undirected.add(c.asset);
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
  if (records.unified) {
    for (const r of records.transactionLog) if (countsLogRow(r)) flows.push({ asset: r.currency, delta: dec(r.change), at: r.transactionTime });
  } else {
    for (const p of records.closedPnl) {
      const coin = settleCoin(p.category, p.symbol);
      if (coin !== null) flows.push({ asset: coin, delta: dec(p.closedPnl), at: p.createdAt });
    }
  }
  return { flows, undirectedTransfers: [...undirected].sort() };
}

/**
 * The account's own member id, from its universal transfers: the one id every record
 * names, on either side. A lone record (or transfers between other sub-accounts) cannot
 * tell which side is this account: then null, and those transfers count nowhere.
 */
export function ownMemberId(cashFlows: ReadonlyArray<Pick<CashFlowRow, 'kind' | 'raw'>>): string | null {
  let common: string[] | null = null;
  for (const c of cashFlows) {
    if (c.kind !== 'universal-transfer') continue;
    const { from, to } = members(c.raw);
    const ids = [from, to].filter((x): x is string => x !== null);
    common = common === null ? ids : common.filter((x) => ids.includes(x));
  }
  return common !== null && new Set(common).size === 1 ? common[0]! : null;
}

/**
 * Which way a universal transfer moved coins for this account (`self`, from
 * {@link ownMemberId}): in, out, `'own'` for a transfer from the account to itself (it
 * changes nothing), or null when that cannot be told.
 */
export function transferDirection(raw: unknown, self: string | null): 'in' | 'out' | 'own' | null {
  const { from, to } = members(raw);
  if (self !== null && to === self && from !== self) return 'in';
  if (self !== null && from === self && to !== self) return 'out';
  // Past those, either both sides are this account or neither is.
  if (self === null || from !== self) return null;
  return 'own';
}

function members(raw: unknown): { from: string | null; to: string | null } {
  const r = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const id = (v: unknown) => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);
  return { from: id(r.fromMemberId), to: id(r.toMemberId) };
}

/** The coin a derivative settles in: linear in its quote (USDT, USDC), inverse in its base. */
function settleCoin(category: string, symbol: string): string | null {
  const head = symbol.split('-')[0] ?? symbol;
  if (category === 'inverse') return /^([A-Z0-9]+?)USD([FGHJKMNQUVXZ]\d{2})?$/.exec(head)?.[1] ?? null;
  if (head.endsWith('USDT')) return 'USDT';
  if (head.endsWith('USDC') || head.endsWith('PERP') || symbol.includes('-')) return 'USDC';
  return null;
}
