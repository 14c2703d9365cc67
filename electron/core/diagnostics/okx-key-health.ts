import { okxAccountMode, okxBoundIps, okxPermissions } from '../exchange/okx/okx-key-info.js';
import type { OkxAccountConfig } from '../exchange/okx/okx-schemas.js';
import type { AccountSession } from './account-session.js';
import { asAppError, blockedBy, pass, skip, warn, type CheckOutcome } from './check-types.js';

/** OKX's view of the key (`GET /api/v5/account/config`): its permissions and IP binding. */
export async function checkOkxKeyHealth(session: AccountSession): Promise<CheckOutcome> {
  let config: OkxAccountConfig | null;
  try {
    config = await (await session.client()).okxConfig();
  } catch (e) {
    return blockedBy(asAppError(e));
  }
  if (!config) return skip('OKX did not describe the key');
  return judgeOkxKey(config);
}

/** The key-health verdict from an account/config answer; exported for unit tests. */
export function judgeOkxKey(config: OkxAccountConfig): CheckOutcome {
  const permissions = okxPermissions(config);
  const canTrade = permissions.includes('trade');
  const canWithdraw = permissions.includes('withdraw');
  const ips = okxBoundIps(config);
  const data = { readOnly: !canTrade && !canWithdraw, canTrade, canWithdraw, ipBound: ips.length > 0, ips, permissions, accountMode: okxAccountMode(config), label: config.label ?? null };
  const issues: string[] = [];
  const fixes: string[] = [];
  if (canTrade || canWithdraw) {
    issues.push(`the key can ${[canTrade ? 'trade' : null, canWithdraw ? 'withdraw' : null].filter(Boolean).join(' and ')}`);
    fixes.push('AlphaPulse Sync only reads: replace it with a key that has only the Read permission (OKX › API › Create API key › Read), so a leaked key cannot move funds.');
  }
  if (ips.length === 0) {
    issues.push('it is not bound to an IP address');
    fixes.push("Bind the key to this computer's public IP address on OKX: anyone who learns an unbound key can use it from anywhere, and OKX may delete an unbound key that goes unused for 14 days.");
  }
  if (issues.length) return warn(`The key works, but ${issues.join('; ')}`, fixes.join(' '), data);
  return pass(`Read-only key bound to ${ips.join(', ')}; ${data.accountMode} account`, data);
}
