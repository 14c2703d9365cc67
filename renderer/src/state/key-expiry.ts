/** A key expiring within this many days is a warning wherever the key shows. */
export const EXPIRY_WARN_DAYS = 14;
const DAY_MS = 86_400_000;

/**
 * Whether a key's expiry calls for a warning, and in how many whole days it comes;
 * null for a key that does not expire or not soon. Past expiry is 0 days (the sync
 * itself fails then, with its own message).
 */
export function expirySoon(expiresAt: string | null, nowMs: number): { days: number } | null {
  if (expiresAt === null) return null;
  const t = Date.parse(expiresAt);
  if (Number.isNaN(t)) return null;
  const days = Math.max(0, Math.round((t - nowMs) / DAY_MS));
  return t - nowMs <= EXPIRY_WARN_DAYS * DAY_MS ? { days } : null;
}

/** What to do, the same words everywhere the warning shows. */
export const EXPIRY_ADVICE = 'Create a new read-only key on Bybit before then and enter it in Settings; keys bound to an IP address do not expire.';
