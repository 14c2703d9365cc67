import { countOf } from '../../../shared/format/plural.js';
import type { AccountSession, WalletRead } from './account-session.js';
import { asAppError, blockedBy, cannotTell, fail, pass, skip, warn, type CheckDefinition, type CheckOutcome } from './check-types.js';

const NAMES: Record<string, string> = {
  UNIFIED: 'Unified Trading Account', SPOT: 'Spot wallet', CONTRACT: 'Derivatives wallet', FUND: 'Funding wallet', EARN: 'Earn positions',
  TRADING: 'OKX trading account', FUNDING: 'OKX funding account', EARN_SAVINGS: 'OKX Simple Earn (savings)',
};
/** Wallets the sync can do without: it reads everything else and warns. */
const OPTIONAL = ['FUND', 'EARN', 'FUNDING', 'EARN_SAVINGS'];
/** The permission each optional wallet needs, as the key's settings on Bybit name it. */
const PERMISSION_FIX: Record<string, string> = {
  FUND: 'To include the Funding wallet, edit the key on Bybit and tick Wallet › Account Transfer (read).',
  EARN: 'To include Earn (Flexible Saving, On-chain), edit the key on Bybit and tick Earn.',
  FUNDING: 'To include the funding account, edit the key on OKX and give it the Read permission.',
  EARN_SAVINGS: 'To include Simple Earn, edit the key on OKX and give it the Read permission.',
};

/** Each wallet type the sync reads (UNIFIED or classic SPOT + CONTRACT, FUND and Earn) is readable. */
export function walletsCheck(session: AccountSession): CheckDefinition {
  return { id: 'wallets', account: session.label, title: 'Wallets', run: () => checkWallets(session) };
}

async function checkWallets(session: AccountSession): Promise<CheckOutcome> {
  if (!session.isBybit && session.account.exchangeId !== 'okx') return skip(`Checked for Bybit only (for ${session.exchangeName} the API key check reads the balance)`);
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
  const data = { accountType: reads.some((r) => r.wallet === 'TRADING') ? 'okx' : reads.some((r) => r.wallet === 'UNIFIED') ? 'unified' : 'classic', wallets };
  const unreadable = reads.filter((r) => !r.readable);
  if (unreadable.length === 0) return pass(`Readable: ${reads.map((r) => `${NAMES[r.wallet] ?? r.wallet} (${r.coins === null ? 'coins unknown' : countOf(r.coins, 'coin')})`).join(', ')}`, data);
  const trading = unreadable.filter((r) => !OPTIONAL.includes(r.wallet));
  const first = (trading[0] ?? unreadable[0])!;
  const err = first.error!;
  if (cannotTell(err) && unreadable.every((r) => r.error && cannotTell(r.error))) return blockedBy(err, data);
  const missing = unreadable.map((r) => `${NAMES[r.wallet] ?? r.wallet}${r.error?.errorClass === 'permission' ? ` (${r.wallet === 'EARN' ? 'Earn permission' : 'permission'} missing)` : ` (${r.error?.message ?? 'failed'})`}`).join(', ');
  if (trading.length > 0) return fail(`Not readable: ${missing}; the sync cannot run without it`, err.recommendation, data);
  const fixes = unreadable.map((r) => (r.error?.errorClass === 'permission' ? PERMISSION_FIX[r.wallet] : r.error?.recommendation)).filter((f): f is string => Boolean(f));
  const fix = [...new Set(fixes)].join(' ') + (unreadable.every((r) => r.error?.errorClass === 'permission') ? ' The sync reads everything else meanwhile.' : '');
  return warn(`Not readable: ${missing}; the sync skips it and reads everything else`, fix, data);
}
