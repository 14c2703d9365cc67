import { TaskCancelledError } from 'cockatiel';
import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../electron/core/errors.js';
import { createRequestPolicy, DEFAULT_RESILIENCE, exchangeRequestPolicy, isRetryable, withDeadline } from '../../../electron/core/exchange/resilience.js';

const opts = { requestTimeoutMs: 200, maxAttempts: 3, rateLimitAttempts: 5, initialDelayMs: 1, maxDelayMs: 5, random: () => 0.5 };
const timeoutError = () => new AppError('network', 'timed out', 'retry later', { transient: true });

describe('request policy', () => {
  it('retries transient failures and returns the first success', async () => {
    let calls = 0;
    const policy = createRequestPolicy(opts, timeoutError);
    const value = await policy(async () => {
      calls += 1;
      if (calls < 3) throw new AppError('exchange-down', 'HTTP 502', 'wait', { transient: true });
      return 'ok';
    });
    expect(value).toBe('ok');
    expect(calls).toBe(3);
  });

  it.each(['auth', 'permission', 'ip', 'config', 'bad-response'] as const)('never retries %s', async (errorClass) => {
    let calls = 0;
    const policy = createRequestPolicy(opts, timeoutError);
    await expect(policy(async () => { calls += 1; throw new AppError(errorClass, 'no', 'fix it'); })).rejects.toMatchObject({ errorClass });
    expect(calls).toBe(1);
  });

  it('gives up after the last try with the last error', async () => {
    let calls = 0;
    const policy = createRequestPolicy(opts, timeoutError);
    await expect(policy(async () => { calls += 1; throw new AppError('network', `reset ${calls}`, 'check', { transient: true }); })).rejects.toThrow('reset 3');
    expect(calls).toBe(3);
  });

  it('a request that hangs times out as a network error, and is retried', async () => {
    let calls = 0;
    const policy = createRequestPolicy({ ...opts, requestTimeoutMs: 20 }, timeoutError);
    await expect(policy(() => { calls += 1; return new Promise(() => {}); })).rejects.toMatchObject({ errorClass: 'network', message: 'timed out' });
    expect(calls).toBe(3);
  });

  it('a rate limit with a known reset waits exactly until it, not the (much shorter) backoff', async () => {
    // Virtual time: the retry's start is read off the fake clock, never measured.
    vi.useFakeTimers();
    try {
      const policy = createRequestPolicy({ ...opts, requestTimeoutMs: 120_000 }, timeoutError);
      const starts: number[] = [];
      const result = policy(async () => {
        starts.push(Date.now());
        if (starts.length === 1) throw new AppError('rate-limit', '10006', 'wait', { transient: true, retryAfterMs: 1500 });
        return starts.length;
      });
      await vi.advanceTimersByTimeAsync(1499);
      expect(starts).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      await expect(result).resolves.toBe(2);
      expect(starts.map((t) => t - starts[0]!)).toEqual([0, 1500]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refusals for pace alone (a reset within seconds) have their own budget, beyond the transient tries', async () => {
    vi.useFakeTimers();
    try {
      const policy = createRequestPolicy({ ...opts, requestTimeoutMs: 120_000 }, timeoutError);
      let calls = 0;
      const result = policy(async () => {
        calls += 1;
        // Two network failures use up all but one transient try; four pace refusals do not count against it.
        if (calls <= 2) throw new AppError('network', 'reset', 'check', { transient: true });
        if (calls <= 6) throw new AppError('rate-limit', '10006', 'wait', { transient: true, retryAfterMs: 5_000 });
        return calls;
      });
      await vi.advanceTimersByTimeAsync(30_000);
      await expect(result).resolves.toBe(7);
    } finally {
      vi.useRealTimers();
    }
  });

  it("a retry's wait for its turn (beforeRetry) is outside the try's timeout, and the first try does not wait", async () => {
    vi.useFakeTimers();
    try {
      const policy = createRequestPolicy({ ...opts, requestTimeoutMs: 1000 }, timeoutError);
      const waits: number[] = [];
      let calls = 0;
      const result = policy(async () => {
        calls += 1;
        if (calls === 1) throw new AppError('exchange-down', 'HTTP 502', 'wait', { transient: true });
        return calls;
      }, null, async () => {
        // Queued behind a hundred windows of a 1-per-second endpoint.
        waits.push(Date.now());
        await new Promise((r) => setTimeout(r, 100_000));
      });
      await vi.advanceTimersByTimeAsync(101_000);
      await expect(result).resolves.toBe(2);
      expect(waits).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('gives up after its pace budget with the refusal', async () => {
    vi.useFakeTimers();
    try {
      const policy = createRequestPolicy({ ...opts, requestTimeoutMs: 120_000 }, timeoutError);
      let calls = 0;
      const result = policy(async () => { calls += 1; throw new AppError('rate-limit', `10006 #${calls}`, 'wait', { transient: true, retryAfterMs: 1000 }); });
      const settled = expect(result).rejects.toThrow('10006 #5');
      await vi.advanceTimersByTimeAsync(30_000);
      await settled;
      expect(calls).toBe(5);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a rate limit whose reset is further than seconds away counts as a transient try', async () => {
    vi.useFakeTimers();
    try {
      const policy = createRequestPolicy({ ...opts, requestTimeoutMs: 120_000 }, timeoutError);
      let calls = 0;
      const result = policy(async () => { calls += 1; throw new AppError('rate-limit', `10006 #${calls}`, 'wait', { transient: true, retryAfterMs: 5_001 }); });
      const settled = expect(result).rejects.toThrow('10006 #3');
      await vi.advanceTimersByTimeAsync(30_000);
      await settled;
      expect(calls).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a reset further away than a minute waits a minute, then tries again', async () => {
    vi.useFakeTimers();
    try {
      const policy = createRequestPolicy({ ...opts, requestTimeoutMs: 120_000 }, timeoutError);
      const starts: number[] = [];
      const result = policy(async () => {
        starts.push(Date.now());
        if (starts.length === 1) throw new AppError('rate-limit', '10006', 'wait', { transient: true, retryAfterMs: 3_600_000 });
        return 'ok';
      });
      await vi.advanceTimersByTimeAsync(60_000);
      await expect(result).resolves.toBe('ok');
      expect(starts.map((t) => t - starts[0]!)).toEqual([0, 60_000]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('backs off exponentially with jitter, capped at the longest delay', async () => {
    vi.useFakeTimers();
    try {
      const run = async (random: number) => {
        const policy = createRequestPolicy({ requestTimeoutMs: 120_000, maxAttempts: 5, rateLimitAttempts: 5, initialDelayMs: 100, maxDelayMs: 300, random: () => random }, timeoutError);
        const starts: number[] = [];
        const result = policy(async () => {
          starts.push(Date.now());
          throw new AppError('exchange-down', 'HTTP 502', 'wait', { transient: true });
        }).catch((e: unknown) => e);
        await vi.advanceTimersByTimeAsync(10_000);
        expect(await result).toMatchObject({ errorClass: 'exchange-down' });
        return starts.slice(1).map((t, i) => t - starts[i]!);
      };
      // Ceilings 100, 200, 300 (capped), 300: half of each plus up to the other half.
      expect(await run(0)).toEqual([50, 100, 150, 150]);
      expect(await run(0.5)).toEqual([75, 150, 225, 225]);
      expect(await run(1)).toEqual([100, 200, 300, 300]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('retries rate limits without a known reset, and timeouts; never other errors', () => {
    expect(isRetryable(new AppError('rate-limit', 'x', 'y', { transient: true }))).toBe(true);
    expect(isRetryable(new AppError('network', 'x', 'y', { transient: true }))).toBe(true);
    expect(isRetryable(new AppError('network', 'x', 'y'))).toBe(false);
    expect(isRetryable(new AppError('internal', 'x', 'y', { transient: true }))).toBe(false);
    expect(isRetryable(new TaskCancelledError())).toBe(true);
    expect(isRetryable(new Error('plain'))).toBe(false);
  });

  it("a ccxt instance's policy: ccxt times out first, the policy a second later as the backstop", async () => {
    vi.useFakeTimers();
    try {
      const ex = { timeout: 0 };
      const policy = exchangeRequestPolicy(ex, 'Bybit', { requestTimeoutMs: 100, maxAttempts: 1 });
      expect(ex.timeout).toBe(100);
      const result = policy(() => new Promise(() => {})).catch((e: unknown) => e);
      let settled = false;
      void result.then(() => { settled = true; });
      await vi.advanceTimersByTimeAsync(1099);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      const e = await result;
      expect(e).toBeInstanceOf(AppError);
      expect(e).toMatchObject({ errorClass: 'network', message: 'Bybit did not answer in time', transient: true });
      expect((e as AppError).recommendation).toMatch(/internet connection/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('defaults suit a real exchange: 15 s per request, three tries (eight for pace refusals), backoff from half a second to ten', async () => {
    expect(DEFAULT_RESILIENCE).toEqual({ requestTimeoutMs: 15_000, maxAttempts: 3, rateLimitAttempts: 8, initialDelayMs: 500, maxDelayMs: 10_000, random: Math.random });
    const ex = { timeout: 0 };
    let calls = 0;
    const policy = exchangeRequestPolicy(ex, 'Bybit', { random: () => 0 });
    expect(ex.timeout).toBe(15_000);
    vi.useFakeTimers();
    try {
      const result = policy(async () => { calls += 1; throw new AppError('network', 'x', 'y', { transient: true }); }).catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(249);
      expect(calls).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(calls).toBe(2);
      await vi.advanceTimersByTimeAsync(500);
      expect(await result).toMatchObject({ message: 'x' });
      expect(calls).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('an overall deadline ends a slow sync with a classified error', async () => {
    await expect(withDeadline(10, () => new Promise(() => {}), timeoutError)).rejects.toMatchObject({ errorClass: 'network' });
    await expect(withDeadline(1000, async () => 'done', timeoutError)).resolves.toBe('done');
  });
});
