import type { FlowRules } from '../../portfolio/flows.js';
import { OKX_SUB_ACCOUNT_TRANSFERS } from './okx-funding-bills.js';

// Deposit states 1 (credited, not withdrawable yet) and 2 (successful) are in the
// balance; a withdrawal leaves it when requested and comes back only when it failed
// (-1) or was cancelled (-2).
const DEPOSIT_CREDITED = new Set<string | null>(['1', '2']);
const WITHDRAWAL_UNDONE = new Set<string | null>(['-1', '-2']);
// Trading-bill types (stored as "type/subType"): 1 a transfer with the funding account, 2 a trade.
const TRANSFER = '1';
const TRADE = '2';

/**
 * Which OKX bills change the account's coins in a way no other record shows. Funding
 * bills reach the log only when no other list holds them (see fundingBillRecord). Of
 * the trading account's, a transfer with the funding account moves nothing in the total
 * (its funding side is an internal transfer) and a spot trade is in the spot fills; every
 * other bill counts: SWAP, FUTURES and MARGIN trades (realised P&L and fee), funding
 * fees, delivery, liquidation, interest, converts and unknown types.
 */
export function countsOkxLogRow(r: { type: string; category: string | null }): boolean {
  if (r.category === 'funding') return true;
  const type = r.type.split('/')[0];
  if (type === TRANSFER) return false;
  return !(type === TRADE && r.category === 'spot');
}

const IN: readonly (string | null)[] = OKX_SUB_ACCOUNT_TRANSFERS.in;
const OUT: readonly (string | null)[] = OKX_SUB_ACCOUNT_TRANSFERS.out;

/**
 * OKX's records: deposit and withdrawal states as its asset endpoints send them; a
 * sub-account transfer's funding-bill type says the side (stored as its raw type); the
 * trading account's bills hold derivative results in every account mode, so closed
 * positions (whose P&L the bills already carry) never count.
 */
export const OKX_FLOW_RULES: FlowRules = {
  depositCredited: (status) => DEPOSIT_CREDITED.has(status),
  withdrawalLeft: (status) => !WITHDRAWAL_UNDONE.has(status),
  transferSides: () => (c) => (IN.includes(c.rawType) ? 1 : OUT.includes(c.rawType) ? -1 : null),
  countsLogRow: countsOkxLogRow,
  derivativeCash: () => 'log',
  historyReach: 'three months for trades and trading-account bills, a year for deposits, withdrawals and funding-account bills',
};
