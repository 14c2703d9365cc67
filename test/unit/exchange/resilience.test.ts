import { describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/core/errors.js';
import { createRequestPolicy, isRetryable, withDeadline } from '../../../electron/core/exchange/resilience.js';

const opts = { requestTimeoutMs: 200, maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 5, random: () => 0.5 };
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

  it('a rate limit with a known reset waits for it rather than backing off', async () => {
    const policy = createRequestPolicy(opts, timeoutError);
    let calls = 0;
    const value = await policy(async () => {
      calls += 1;
      if (calls === 1) throw new AppError('rate-limit', '10006', 'wait', { transient: true, retryAfterMs: 30 });
      return calls;
    });
    expect(value).toBe(2);
    expect(isRetryable(new AppError('rate-limit', 'x', 'y', { transient: true }))).toBe(true);
  });

  it('an overall deadline ends a slow sync with a classified error', async () => {
    await expect(withDeadline(10, () => new Promise(() => {}), timeoutError)).rejects.toMatchObject({ errorClass: 'network' });
    await expect(withDeadline(1000, async () => 'done', timeoutError)).resolves.toBe('done');
  });
});
