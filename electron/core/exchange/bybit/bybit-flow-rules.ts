import type { CashFlowRow, TransactionLogRow } from '../history-types.js';
import type { FlowRules } from '../../portfolio/flows.js';

// A deposit is credited at status 3 (10012: credited to the funding pool); a withdrawal
// that was cancelled, rejected or failed never left; a transfer counts once it succeeded.
const DEPOSIT_CREDITED = new Set<string | null>(['3', '10012']);
const WITHDRAWAL_UNDONE = new Set<string | null>(['CancelByUser', 'Reject', 'Fail']);

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
export function countsBybitLogRow(r: Pick<TransactionLogRow, 'type' | 'category'>): boolean {
  if (LOG_MOVES.has(r.type)) return false;
  return !(r.type === 'TRADE' && r.category === 'spot');
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

function members(raw: unknown): { from: string | null; to: string | null } {
  const r = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const id = (v: unknown) => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);
  return { from: id(r.fromMemberId), to: id(r.toMemberId) };
}

/**
 * Bybit's records: statuses as its asset endpoints send them; a universal transfer names
 * member ids, not a side, so this account is `ownId` (the member id the Funding balance
 * answer names) or, when that was not read, the id all of them share ({@link ownMemberId});
 * a Unified account's transaction log holds derivative results, a classic account's closed P&L.
 */
export function bybitFlowRules(ownId: string | null): FlowRules {
  return {
    depositCredited: (status) => DEPOSIT_CREDITED.has(status),
    withdrawalLeft: (status) => !WITHDRAWAL_UNDONE.has(status),
    transferSides(cashFlows) {
      const self = ownId ?? ownMemberId(cashFlows);
      return (c) => {
        if (c.status !== 'SUCCESS') return 0;
        const { from, to } = members(c.raw);
        if (self !== null && to === self && from !== self) return 1;
        if (self !== null && from === self && to !== self) return -1;
        if (
          self === null ||
          // Stryker disable next-line all: with this account's id known, a transfer naming it on neither side is from one sub-account to another; here only a transfer to itself is left, where this is false whatever its form
          (from !== self && to !== self)
        ) return null;
        return 0;
      };
    },
    countsLogRow: countsBybitLogRow,
    derivativeCash: (unified) => (unified ? 'log' : 'closed-pnl'),
    historyReach: 'two years',
  };
}

/** {@link bybitFlowRules} for an account whose own member id is not known. */
export const BYBIT_FLOW_RULES: FlowRules = bybitFlowRules(null);
