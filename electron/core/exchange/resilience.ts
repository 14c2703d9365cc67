import { DelegateBackoff, handleWhen, retry, timeout, TimeoutStrategy, TaskCancelledError, wrap, type IRetryBackoffContext } from 'cockatiel';
import { abortable, abortReason, linkedController, throwIfAborted } from '../abort.js';
import { AppError } from '../errors.js';

export interface ResilienceOptions {
  /** Longest one request may take before it counts as a network failure. */
  requestTimeoutMs: number;
  /** Tries per request, the first included. */
  maxAttempts: number;
  /**
   * Tries when the exchange only said "too many requests" and when to come back: that
   * answer says nothing about the request, so it does not use up `maxAttempts`.
   */
  rateLimitAttempts: number;
  /** First backoff delay; doubles each retry, with jitter, up to `maxDelayMs`. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** 0..1, injected so tests are deterministic. */
  random: () => number;
}

export const DEFAULT_RESILIENCE: ResilienceOptions = {
  requestTimeoutMs: 15_000,
  maxAttempts: 3,
  rateLimitAttempts: 8,
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

/** Longest reset that still reads as "this second's window is full" rather than a ban or an hourly cap. */
const PACE_RESET_MS = 5_000;

/** A refusal for pace alone, with a reset within seconds: retried on its own budget. */
function isPaceRefusal(e: unknown): boolean {
  return e instanceof AppError && e.transient && e.errorClass === 'rate-limit' && e.retryAfterMs !== null && e.retryAfterMs <= PACE_RESET_MS;
}

/**
 * Runs one request under the policy. With a signal, an abort ends every wait at once
 * (the try in flight, a backoff sleep) with the signal's reason, and no further try starts.
 */
export type RequestPolicy = <T>(fn: () => Promise<T>, signal?: AbortSignal | null, beforeRetry?: () => Promise<void>) => Promise<T>;

/**
 * Per-request policy (cockatiel): a timeout on each try, and retries with exponential
 * backoff and full jitter for transient failures only. A rate-limit error that knows
 * when the window resets (`retryAfterMs`) waits exactly that long instead, and is
 * retried on its own, larger budget.
 */
export function createRequestPolicy(opts: ResilienceOptions, describeTimeout: () => AppError): RequestPolicy {
  const backoff = new DelegateBackoff<IRetryBackoffContext<unknown>>((ctx) => {
    const err = 'error' in ctx.result ? ctx.result.error : undefined;
    if (err instanceof AppError && err.retryAfterMs !== null) return Math.min(err.retryAfterMs, 60_000);
    const ceiling = Math.min(opts.maxDelayMs, opts.initialDelayMs * 2 ** (ctx.attempt - 1));
    return Math.round(ceiling / 2 + (ceiling / 2) * opts.random());
  });
  const retries = wrap(
    retry(handleWhen(isPaceRefusal), { maxAttempts: opts.rateLimitAttempts - 1, backoff }),
    retry(handleWhen((e) => isRetryable(e) && !isPaceRefusal(e)), { maxAttempts: opts.maxAttempts - 1, backoff }),
  );
  const perTry = timeout(opts.requestTimeoutMs, TimeoutStrategy.Aggressive);
  return async <T>(fn: () => Promise<T>, signal?: AbortSignal | null, beforeRetry?: () => Promise<void>) => {
    throwIfAborted(signal);
    let first = true;
    try {
      // A signal of its own when none is given: cockatiel's shared default signal would
      // collect one listener per concurrent request (Node warns past ten). cockatiel's
      // backoff sleep ignores the signal, so the wait is also raced against it; the
      // retry loop behind it then finds the signal aborted and starts nothing.
      const own = signal ?? new AbortController().signal;
      return await abortable(retries.execute(async () => {
        throwIfAborted(signal);
        // A retry may wait for its turn again (a rate gate); that wait is not the
        // exchange being slow, so the timeout starts after it.
        if (!first && beforeRetry) await beforeRetry();
        first = false;
        return perTry.execute(() => {
          throwIfAborted(signal);
          return fn();
        }, own);
      }, own), signal);
    } catch (e) {
      if (signal?.aborted) throw abortReason(signal);
      throw e instanceof TaskCancelledError ? describeTimeout() : e;
    }
  };
}

/**
 * Runs `fn` with an overall deadline: past it, the signal handed to `fn` aborts with
 * `describe()` (every request of `fn` stops) and the call rejects with it at once.
 * A `parent` signal (an explicit cancel) aborts it the same way, with its own reason.
 */
export async function withDeadline<T>(ms: number, fn: (signal: AbortSignal) => Promise<T>, describe: () => AppError, parent?: AbortSignal | null): Promise<T> {
  const link = linkedController(parent);
  const timer = setTimeout(() => link.controller.abort(describe()), ms);
  try {
    return await abortable(Promise.resolve().then(() => fn(link.signal)), link.signal);
  } finally {
    clearTimeout(timer);
    link.dispose();
  }
}

/**
 * The request policy of one ccxt instance: ccxt aborts a slow socket at the timeout;
 * the policy's own timeout, a second later, is the backstop.
 */
export function exchangeRequestPolicy(ex: { timeout: number }, exchangeName: string, overrides: Partial<ResilienceOptions> = {}): RequestPolicy {
  const resilience = { ...DEFAULT_RESILIENCE, ...overrides };
  ex.timeout = resilience.requestTimeoutMs;
  return createRequestPolicy({ ...resilience, requestTimeoutMs: resilience.requestTimeoutMs + 1000 },
    () => new AppError('network', `${exchangeName} did not answer in time`, 'Check the internet connection (and proxy/VPN); the sync tries again.', { transient: true }));
}
