import { abortable, throwIfAborted } from '../abort.js';

/**
 * Paces one endpoint: at most `limit` request starts in any rolling second (Bybit's
 * rule is "per second per UID", per endpoint), adapting to what the exchange says in
 * its `X-Bapi-Limit*` headers: the current limit, how many are left, and when a
 * window that ran out resets. p-throttle and ccxt's throttle have a fixed rate; the
 * exchange's own numbers are the better guide, so this small gate follows them.
 */
export interface RateGate {
  /** Resolves when a request may start; rejects with the signal's reason once it aborts. */
  take(signal?: AbortSignal | null): Promise<void>;
  /** Feeds back the exchange's view: limit per second, remaining, reset time (ms). */
  update(info: { limit?: number; remaining?: number; resetAt?: number }): void;
  /** Blocks every start until `at` (ms, local clock): after a rate-limit answer. */
  blockUntil(at: number): void;
  limit(): number;
}

export interface RateGateDeps {
  now: () => number;
  /** Waits `ms`; rejects when `signal` aborts first. */
  sleep: (ms: number, signal?: AbortSignal | null) => Promise<void>;
  /**
   * Added to the one-second window. The exchange counts requests when they arrive, and
   * two sent exactly a second apart can arrive closer than that: at 1 request a second
   * (Bybit's inter-transfer list) every such pair would be refused.
   */
  marginMs?: number;
}

const WINDOW_MS = 1000;

export function createRateGate(initialLimit: number, deps: RateGateDeps): RateGate {
  let limit = Math.max(1, initialLimit);
  const windowMs = WINDOW_MS + (deps.marginMs ?? 0);
  let blockedUntil = 0;
  const starts: number[] = [];
  // Starts are granted one at a time, in call order, so a burst never overshoots.
  let queue: Promise<void> = Promise.resolve();

  const grant = async (signal: AbortSignal | null | undefined): Promise<void> => {
    for (;;) {
      // A cancelled turn takes no start and holds up no one behind it.
      throwIfAborted(signal);
      const now = deps.now();
      if (blockedUntil > now) {
        await deps.sleep(blockedUntil - now, signal);
        continue;
      }
      while (starts.length > 0 && starts[0]! <= now - windowMs) starts.shift();
      if (starts.length < limit) {
        starts.push(now);
        return;
      }
      await deps.sleep(starts[0]! + windowMs - now, signal);
    }
  };

  return {
    take(signal) {
      const turn = queue.then(() => grant(signal));
      queue = turn.catch(() => undefined);
      // Waiting for the turns ahead ends at once too.
      return abortable(turn, signal);
    },
    update({ limit: newLimit, remaining, resetAt }) {
      if (newLimit !== undefined && Number.isFinite(newLimit) && newLimit >= 1) limit = Math.floor(newLimit);
      if (remaining !== undefined && remaining <= 0 && resetAt !== undefined && Number.isFinite(resetAt)) blockedUntil = Math.max(blockedUntil, resetAt);
    },
    blockUntil(at) {
      blockedUntil = Math.max(blockedUntil, at);
    },
    limit: () => limit,
  };
}
