import { createAuthLimiter, DEFAULT_AUTH_POLICY, type AuthGate, type AuthLimiterPolicy } from './auth-limiter.js';
import { createRefusalLog, type RefusalLogTimers, type RefusalSummary } from './refusal-log.js';
import { tokenMatches } from './request-guard.js';

export interface AuthGateDeps {
  token: string;
  now: () => number;
  policy?: AuthLimiterPolicy;
  timers?: RefusalLogTimers;
  warn: (message: string, data?: Record<string, unknown>) => void;
}

/** Who may present a token, whether it is right, and the log of those refused. */
export interface DashboardAuthGate {
  /** Before a WebSocket handshake: a locked-out address is refused (and counted). */
  admit(address: string): AuthGate;
  /** The token a socket presented; while its address is locked out it is not even compared. */
  checkToken(address: string, token: string): boolean;
  /** Counts a connection refused for another reason (a foreign page). */
  refuse(address: string, reason: string): void;
  /** Writes the refusals still counted (at shutdown). */
  flush(): void;
}

/**
 * The dashboard's token check with a per-address lockout (auth-limiter.ts) and refusals
 * summarised in one log line per minute (refusal-log.ts).
 */
export function createDashboardAuthGate(deps: AuthGateDeps): DashboardAuthGate {
  const limiter = createAuthLimiter(deps.now, deps.policy ?? DEFAULT_AUTH_POLICY);
  const refusals = createRefusalLog((s) => deps.warn(refusalLine(s), { ...s.reasons, addresses: s.addresses }),
    deps.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms).unref(), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) });
  return {
    admit(address) {
      const gate = limiter.check(address);
      if (!gate.allowed) refusals.note(address, 'locked out');
      return gate;
    },
    checkToken(address, token) {
      if (!limiter.check(address).allowed) {
        refusals.note(address, 'locked out');
        return false;
      }
      if (tokenMatches(token, deps.token)) {
        limiter.succeed(address);
        return true;
      }
      limiter.fail(address);
      refusals.note(address, 'wrong token');
      return false;
    },
    refuse: (address, reason) => refusals.note(address, reason),
    flush: () => refusals.flush(),
  };
}

function refusalLine(s: RefusalSummary): string {
  const why = Object.entries(s.reasons).map(([reason, n]) => `${n} ${reason}`).join(', ');
  return `dashboard refused ${s.refused} connection${s.refused === 1 ? '' : 's'} from ${s.addresses} address${s.addresses === 1 ? '' : 'es'} (${why}); at most one such line per ${Math.round(s.windowMs / 1000)} s`;
}
