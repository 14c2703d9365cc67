import { DelegateBackoff, handleWhen, retry, timeout, TimeoutStrategy, TaskCancelledError, wrap, type IRetryBackoffContext } from 'cockatiel';
import { AppError } from '../errors.js';

export interface ResilienceOptions {
  /** Longest one request may take before it counts as a network failure. */
  requestTimeoutMs: number;
  /** Tries per request, the first included. */
  maxAttempts: number;
  /** First backoff delay; doubles each retry, with jitter, up to `maxDelayMs`. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** 0..1, injected so tests are deterministic. */
  random: () => number;
}

export const DEFAULT_RESILIENCE: ResilienceOptions = {
  requestTimeoutMs: 15_000,
  maxAttempts: 3,
  initialDelayMs: 500,
  maxDelayMs: 10_000,
  random: Math.random,
};

/** Classes worth another try: the same request can succeed a moment later. */
const RETRYABLE = new Set(['network', 'exchange-down', 'rate-limit']);

/** Whether an error may be retried. Auth, permission, IP, config and bad requests never are. */
export function isRetryable(e: unknown): boolean {
  if (e instanceof TaskCancelledError) return true;
  return e instanceof AppError && e.transient && RETRYABLE.has(e.errorClass);
}

/**
 * Per-request policy (cockatiel): a timeout on each try, and retries with exponential
 * backoff and full jitter for transient failures only. A rate-limit error that knows
 * when the window resets (`retryAfterMs`) waits exactly that long instead.
 */
export function createRequestPolicy(opts: ResilienceOptions, describeTimeout: () => AppError): <T>(fn: () => Promise<T>) => Promise<T> {
  const backoff = new DelegateBackoff<IRetryBackoffContext<unknown>>((ctx) => {
    const err = 'error' in ctx.result ? ctx.result.error : undefined;
    if (err instanceof AppError && err.retryAfterMs !== null) return Math.min(err.retryAfterMs, 60_000);
    const ceiling = Math.min(opts.maxDelayMs, opts.initialDelayMs * 2 ** (ctx.attempt - 1));
    return Math.round(ceiling / 2 + (ceiling / 2) * opts.random());
  });
  const policy = wrap(
    retry(handleWhen(isRetryable), { maxAttempts: opts.maxAttempts - 1, backoff }),
    timeout(opts.requestTimeoutMs, TimeoutStrategy.Aggressive),
  );
  return async <T>(fn: () => Promise<T>) => {
    try {
      // A signal of its own: cockatiel's shared default signal would collect one
      // listener per concurrent request (Node warns past ten).
      return await policy.execute(() => fn(), new AbortController().signal);
    } catch (e) {
      throw e instanceof TaskCancelledError ? describeTimeout() : e;
    }
  };
}

/** Runs `fn` with an overall deadline; past it, the sync fails as a network timeout. */
export async function withDeadline<T>(ms: number, fn: () => Promise<T>, describe: () => AppError): Promise<T> {
  try {
    return await timeout(ms, TimeoutStrategy.Aggressive).execute(() => fn(), new AbortController().signal);
  } catch (e) {
    throw e instanceof TaskCancelledError ? describe() : e;
  }
}

/**
 * The request policy of one ccxt instance: ccxt aborts a slow socket at the timeout;
 * the policy's own timeout, a second later, is the backstop.
 */
export function exchangeRequestPolicy(ex: { timeout: number }, exchangeName: string, overrides: Partial<ResilienceOptions> = {}): <T>(fn: () => Promise<T>) => Promise<T> {
  const resilience = { ...DEFAULT_RESILIENCE, ...overrides };
  ex.timeout = resilience.requestTimeoutMs;
  return createRequestPolicy({ ...resilience, requestTimeoutMs: resilience.requestTimeoutMs + 1000 },
    () => new AppError('network', `${exchangeName} did not answer in time`, 'Check the internet connection (and proxy/VPN); the sync tries again.', { transient: true }));
}
