import type { AccountSession, WalletRead } from './account-session.js';
import { asAppError, blockedBy, cannotTell, fail, pass, skip, warn, type CheckDefinition, type CheckOutcome } from './check-types.js';

const NAMES: Record<string, string> = { UNIFIED: 'Unified Trading Account', SPOT: 'Spot wallet', CONTRACT: 'Derivatives wallet', FUND: 'Funding wallet' };

/** Each wallet type the sync reads (UNIFIED or classic SPOT + CONTRACT, and FUND) is readable. */
export function walletsCheck(session: AccountSession): CheckDefinition {
  return { id: 'wallets', account: session.label, title: 'Wallets', run: () => checkWallets(session) };
}

async function checkWallets(session: AccountSession): Promise<CheckOutcome> {
  if (!session.isBybit) return skip(`Checked for Bybit only (for ${session.exchangeName} the API key check reads the balance)`);
  let reads: WalletRead[];
  try {
    reads = await session.wallets();
  } catch (e) {
    return blockedBy(asAppError(e));
  }
  const wallets: Record<string, unknown> = {};
  for (const r of reads) {
    wallets[r.wallet] = r.readable ? { readable: true, coins: r.coins } : { readable: false, errorClass: r.error?.errorClass ?? null, reason: r.error?.message ?? null };
  }
  const data = { accountType: reads.some((r) => r.wallet === 'UNIFIED') ? 'unified' : 'classic', wallets };
  const unreadable = reads.filter((r) => !r.readable);
  if (unreadable.length === 0) return pass(`Readable: ${reads.map((r) => `${NAMES[r.wallet] ?? r.wallet} (${r.coins} coin(s))`).join(', ')}`, data);
  const trading = unreadable.filter((r) => r.wallet !== 'FUND');
  const first = (trading[0] ?? unreadable[0])!;
  const err = first.error!;
  if (cannotTell(err) && unreadable.every((r) => r.error && cannotTell(r.error))) return blockedBy(err, data);
  const missing = unreadable.map((r) => `${NAMES[r.wallet] ?? r.wallet}${r.error?.errorClass === 'permission' ? ' (permission missing)' : ` (${r.error?.message ?? 'failed'})`}`).join(', ');
  if (trading.length > 0) return fail(`Not readable: ${missing}; the sync cannot run without it`, err.recommendation, data);
  const fix = err.errorClass === 'permission'
    ? 'To include the Funding wallet, edit the key on Bybit and tick Wallet › Account Transfer (read). The sync reads everything else meanwhile.'
    : err.recommendation;
  return warn(`Not readable: ${missing}; the sync skips it and reads everything else`, fix, data);
}
