import type { BreakerInfo, ErrorClass } from '../../../shared/domain.js';

export interface BreakerPolicy {
  /** Failed syncs in a row that open the breaker. */
  threshold: number;
  /** How long an open breaker rests before one trial is allowed. */
  cooldownMs: number;
}

export const DEFAULT_BREAKER: BreakerPolicy = { threshold: 3, cooldownMs: 10 * 60_000 };

export interface RunOutcome {
  success: boolean;
  endTime: Date | null;
  errorClass: string | null;
}

/**
 * The breaker state of an account, derived from its latest runs (newest first) rather
 * than kept in memory: every process sharing the database (app, CLI, serve) sees the
 * same state, and a restart does not reset it.
 */
export function breakerState(all: readonly RunOutcome[], now: Date, policy: BreakerPolicy = DEFAULT_BREAKER): BreakerInfo {
  // A sync stopped on purpose (quit, Ctrl+C) says nothing about the account's health.
  const recent = all.filter((r) => r.success || r.errorClass !== 'cancelled');
  let failures = 0;
  for (const r of recent) {
    if (r.success) break;
    failures += 1;
  }
  const last = recent[0];
  const lastErrorClass = failures > 0 ? ((last?.errorClass ?? 'internal') as ErrorClass) : null;
  if (failures < policy.threshold || !last) return { state: 'closed', consecutiveFailures: failures, cooldownRemainingSeconds: null, lastErrorClass };
  const endedAt = (last.endTime ?? now).getTime();
  const remaining = endedAt + policy.cooldownMs - now.getTime();
  if (remaining > 0) return { state: 'open', consecutiveFailures: failures, cooldownRemainingSeconds: Math.ceil(remaining / 1000), lastErrorClass };
  return { state: 'half-open', consecutiveFailures: failures, cooldownRemainingSeconds: 0, lastErrorClass };
}
