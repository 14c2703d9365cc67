import { ZERO, type Dec } from './decimal.js';
import type { AccountFlows } from './flows.js';

/** One asset's balance against what the stored records explain. */
export interface Reconciled {
  asset: string;
  /** What the exchange reports, summed over every wallet (Earn included). */
  balance: Dec;
  /** The sum of every stored flow since the history start. */
  explained: Dec;
  /** balance − explained: zero when the records explain the whole balance. */
  unexplained: Dec;
  /** For an asset that is off, the likeliest reason in words; null when explained. */
  likelyCause: string | null;
}

/** What the sync knows that can explain a gap: its warnings, and how far back the exchange's history reaches. */
export interface ReconcileContext {
  warnings: readonly string[];
  /** The reach of the imported history in words ("two years"), from the exchange's rules. */
  historyReach: string;
}

/**
 * Per asset, the balance the exchange reports against the sum of the flows the stored
 * records hold. An asset neither held nor moved is left out; one traded away to zero
 * is kept (explained 0, balance 0). Sorted by asset.
 */
export function reconcile(balances: ReadonlyMap<string, Dec>, account: AccountFlows, ctx: ReconcileContext): Reconciled[] {
  const explained = new Map<string, Dec>();
  for (const f of account.flows) explained.set(f.asset, (explained.get(f.asset) ?? ZERO).plus(f.delta));
  const assets = [...new Set([...balances.keys(), ...explained.keys()])].sort();
  const out: Reconciled[] = [];
  for (const asset of assets) {
    const balance = balances.get(asset) ?? ZERO;
    const ex = explained.get(asset) ?? ZERO;
    if (balance.isZero() && ex.isZero() && !balances.has(asset)) continue;
    const unexplained = balance.minus(ex);
    out.push({ asset, balance, explained: ex, unexplained, likelyCause: unexplained.isZero() ? null : likelyCause(asset, unexplained, account, ctx) });
  }
  return out;
}

/**
 * The likeliest reason an asset is off, most specific first: a kind of record the key
 * could not read, a sub-account transfer whose side is unknown, then what the sign says
 * (more held than explained: coins from before the history start, or an Earn yield; less:
 * an outflow the records lack).
 */
export function likelyCause(asset: string, unexplained: Dec, account: AccountFlows, ctx: ReconcileContext): string {
  const said = (re: RegExp) => ctx.warnings.some((w) => re.test(w));
  if (said(/^(Deposit|Withdrawal) history not read/)) return 'the key may not read deposits and withdrawals (it lacks the Wallet permission), so they were not imported';
  if (account.undirectedTransfers.includes(asset)) return 'a sub-account (universal) transfer whose direction could not be told';
  if (said(/(Universal|Internal) transfer history not read/)) return 'a sub-account transfer: the key may not read the transfer history';
  if (said(/^Earn positions not read/)) return 'an Earn product that was not read (the key lacks the Earn permission)';
  if (said(/^Funding wallet not read/)) return 'the Funding wallet was not read (the key lacks its permission)';
  if (unexplained.isPositive()) return `coins held before the history start (older than ${ctx.historyReach}), or an Earn yield or airdrop that no record lists`;
  return 'an outflow no record lists: a sub-account transfer, or an Earn product not read';
}
