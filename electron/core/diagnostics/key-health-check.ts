import type { AccountSession } from './account-session.js';
import { countOf } from '../../../shared/format/plural.js';
import { asAppError, blockedBy, fail, humanDate, pass, skip, warn, type CheckDefinition, type CheckOutcome } from './check-types.js';
import { checkOkxKeyHealth } from './okx-key-health.js';
import { accountModeOf, isReadOnly, keyExpiry, type KeyInfo } from '../exchange/bybit/bybit-key-info.js';

/** Warn when the key expires within this many days. */
export const EXPIRY_WARN_DAYS = 14;
const DAY_MS = 86_400_000;

/** Bybit's view of the key (`/v5/user/query-api`): what it may do, where from, until when. */
export function keyHealthCheck(session: AccountSession, now: () => Date): CheckDefinition {
  return { id: 'key-health', account: session.label, title: 'API key safety', run: () => checkKeyHealth(session, now) };
}

async function checkKeyHealth(session: AccountSession, now: () => Date): Promise<CheckOutcome> {
  if (session.account.exchangeId === 'okx') return checkOkxKeyHealth(session);
  if (!session.isBybit) return skip(`Checked for Bybit keys only (${session.exchangeName} has no common key-details endpoint)`);
  let info: KeyInfo | null;
  try {
    info = await session.keyInfo();
  } catch (e) {
    const err = asAppError(e);
    return blockedBy(err);
  }
  if (!info) return skip('The exchange did not describe the key');
  return judge(info, now());
}

/** The key-health verdict from a query-api answer; exported for unit tests. */
export function judge(info: KeyInfo, now: Date): CheckOutcome {
  const permissions = info.permissions ?? {};
  const readOnly = isReadOnly(info);
  const canWithdraw = Object.values(permissions).some((list) => list.includes('Withdraw'));
  const ips = info.ips ?? [];
  const ipBound = ips.length > 0 && !ips.includes('*');
  const expiresAt = keyExpiry(info);
  const expiresInDays = expiresAt === null ? null : Math.floor((expiresAt.getTime() - now.getTime()) / DAY_MS * 10) / 10;
  const uta = info.uta ?? info.unified;
  const data = {
    readOnly, canTrade: !readOnly, canWithdraw, ipBound, ips, expiresAt: expiresAt?.toISOString() ?? null, expiresInDays,
    accountType: accountModeOf(info), uta: uta === undefined ? null : Number(uta),
    permissions,
  };
  if (expiresInDays !== null && expiresInDays <= 0) {
    return fail('The API key has expired', 'Create a new read-only key on Bybit (bind it to your IP address so it does not expire) and enter it again.', data);
  }
  const issues: string[] = [];
  const fixes: string[] = [];
  if (!readOnly || canWithdraw) {
    issues.push(`the key can ${[!readOnly ? 'trade' : null, canWithdraw ? 'withdraw' : null].filter(Boolean).join(' and ')}`);
    fixes.push('AlphaPulse Sync only reads: replace it with a Read-Only key (Bybit › API › Create New Key › Read-Only), so a leaked key cannot move funds.');
  }
  if (expiresInDays !== null && expiresInDays <= EXPIRY_WARN_DAYS) {
    issues.push(`it expires in ${countOf(Math.max(0, Math.floor(expiresInDays)), 'day')}, on ${humanDate(expiresAt!)}`);
    fixes.push('Create a new key before then; keys bound to an IP address do not expire.');
  }
  if (!ipBound) {
    issues.push('it is not bound to an IP address');
    fixes.push('Bind the key to this computer\'s public IP address on Bybit: anyone who learns an unbound key can use it from anywhere, and Bybit lets it expire after 90 days.');
  }
  if (issues.length) return warn(`The key works, but ${issues.join('; ')}`, fixes.join(' '), data);
  return pass(`Read-only key bound to ${ips.join(', ')}, ${expiresAt ? `expires on ${humanDate(expiresAt)}` : 'no expiry'}; ${data.accountType ?? 'unknown'} account`, data);
}
