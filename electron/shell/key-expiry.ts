import type { AccountView, ConnectionTestResult } from '../../shared/domain.js';
import type { KeyExpiry } from './notification-policy.js';

/**
 * When each enabled account's key expires, from one connection test per account (two
 * requests on Bybit), one account at a time. A failed test says nothing about expiry:
 * the sync reports failures itself.
 */
export async function readKeyExpiries(
  accounts: readonly AccountView[],
  test: (ref: { exchangeId: string; id: string }) => Promise<ConnectionTestResult>,
): Promise<KeyExpiry[]> {
  const out: KeyExpiry[] = [];
  for (const a of accounts) {
    if (!a.enabled || a.key.location === 'none') continue;
    const result = await test({ exchangeId: a.exchangeId, id: a.id }).catch(() => null);
    if (result?.ok && result.key) out.push({ exchangeId: a.exchangeId, id: a.id, label: a.label, expiresAt: result.key.expiresAt });
  }
  return out;
}
