/** How failed authentication is slowed down, per remote address. */
export interface AuthLimiterPolicy {
  /** Misses allowed before the first lockout. */
  freeMisses: number;
  /** First lockout; each further miss doubles it. */
  baseLockMs: number;
  maxLockMs: number;
  /** An address with no miss for this long starts again from zero. */
  forgetAfterMs: number;
  /** Addresses remembered at most (the oldest are dropped), so a flood cannot grow memory. */
  maxAddresses: number;
}

export const DEFAULT_AUTH_POLICY: AuthLimiterPolicy = { freeMisses: 5, baseLockMs: 1000, maxLockMs: 60_000, forgetAfterMs: 15 * 60_000, maxAddresses: 10_000 };

/** The verdict for an address: go ahead, or wait this long. */
export type AuthGate = { allowed: true } | { allowed: false; retryAfterMs: number };

export interface AuthLimiter {
  check(address: string): AuthGate;
  /** Records a wrong token; returns the lockout it starts (0 while misses are still free). */
  fail(address: string): number;
  succeed(address: string): void;
}

/**
 * Exponential lockout per remote address: after `freeMisses` wrong tokens, each further
 * one locks the address out for twice as long as the last (up to `maxLockMs`). While
 * locked out, a token is not even compared, so guessing gains nothing from speed.
 */
export function createAuthLimiter(now: () => number, policy: AuthLimiterPolicy = DEFAULT_AUTH_POLICY): AuthLimiter {
  const seen = new Map<string, { misses: number; lockedUntil: number; lastMiss: number }>();
  const entry = (address: string) => {
    const e = seen.get(address);
    if (e && now() - e.lastMiss > policy.forgetAfterMs && now() >= e.lockedUntil) {
      seen.delete(address);
      return undefined;
    }
    return e;
  };
  return {
    check(address) {
      const e = entry(address);
      const wait = e ? e.lockedUntil - now() : 0;
      return wait > 0 ? { allowed: false, retryAfterMs: wait } : { allowed: true };
    },
    fail(address) {
      const e = entry(address) ?? { misses: 0, lockedUntil: 0, lastMiss: 0 };
      e.misses += 1;
      e.lastMiss = now();
      const over = e.misses - policy.freeMisses;
      const lock = over > 0 ? Math.min(policy.maxLockMs, policy.baseLockMs * 2 ** Math.min(over - 1, 30)) : 0;
      e.lockedUntil = now() + lock;
      // Re-inserted last: Map order is then oldest-first, and the oldest go when full.
      seen.delete(address);
      seen.set(address, e);
      while (seen.size > policy.maxAddresses) seen.delete(seen.keys().next().value!);
      return lock;
    },
    succeed(address) {
      seen.delete(address);
    },
  };
}

/** One key per client: IPv4 written as IPv6 ("::ffff:127.0.0.1") is the same client as plain IPv4. */
export function clientAddress(remote: string | undefined): string {
  if (!remote) return 'unknown';
  return remote.toLowerCase().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
}
