import { describe, expect, it } from 'vitest';
import { abortable, abortableSleep, cancelledError } from '../../../electron/core/abort.js';
import { AppError } from '../../../electron/core/errors.js';
import { createRateGate } from '../../../electron/core/exchange/rate-gate.js';
import { createRequestPolicy, withDeadline } from '../../../electron/core/exchange/resilience.js';

// An aborted signal ends every wait of a request at once and starts nothing new. The
// waits here are minutes long: a test that passes did not wait for them.

const LONG = 10 * 60_000;
const opts = { requestTimeoutMs: LONG, maxAttempts: 5, rateLimitAttempts: 5, initialDelayMs: LONG, maxDelayMs: LONG, random: () => 1 };
const timeoutError = () => new AppError('network', 'timed out', 'retry later', { transient: true });

describe('cancellation', () => {
  it('a rate gate wait ends when the signal aborts, and the cancelled turn takes no start', async () => {
    let now = 0;
    const gate = createRateGate(1, { now: () => now, sleep: (ms, signal) => abortableSleep(ms, signal) });
    await gate.take();
    gate.blockUntil(LONG);
    const ctrl = new AbortController();
    const waiting = gate.take(ctrl.signal);
    ctrl.abort(cancelledError('stop'));
    await expect(waiting).rejects.toMatchObject({ errorClass: 'cancelled', message: 'The sync was stopped: stop' });
    // Nothing is blocked behind the cancelled turn once the block is lifted.
    now = LONG + 1;
    await expect(gate.take()).resolves.toBeUndefined();
  });

  it('an already aborted signal starts nothing', async () => {
    const gate = createRateGate(5, { now: () => 0, sleep: async () => undefined });
    const ctrl = new AbortController();
    ctrl.abort(cancelledError('stop'));
    await expect(gate.take(ctrl.signal)).rejects.toMatchObject({ errorClass: 'cancelled' });
    let calls = 0;
    const policy = createRequestPolicy(opts, timeoutError);
    await expect(policy(async () => { calls += 1; }, ctrl.signal)).rejects.toMatchObject({ errorClass: 'cancelled' });
    expect(calls).toBe(0);
  });

  it('a retry backoff ends when the signal aborts, with its reason, and no further try starts', async () => {
    let calls = 0;
    const policy = createRequestPolicy(opts, timeoutError);
    const ctrl = new AbortController();
    const running = policy(async () => {
      calls += 1;
      throw new AppError('exchange-down', 'HTTP 502', 'wait', { transient: true });
    }, ctrl.signal);
    while (calls === 0) await new Promise((r) => setImmediate(r));
    ctrl.abort(cancelledError('quit'));
    await expect(running).rejects.toMatchObject({ errorClass: 'cancelled', message: 'The sync was stopped: quit' });
    expect(calls).toBe(1);
  });

  it('a request in flight is given up at once (its own timeout is not what ends it)', async () => {
    const policy = createRequestPolicy(opts, timeoutError);
    const ctrl = new AbortController();
    const running = policy(() => new Promise(() => undefined), ctrl.signal);
    ctrl.abort(cancelledError('quit'));
    await expect(running).rejects.toMatchObject({ errorClass: 'cancelled' });
  });

  it('withDeadline aborts the signal it hands out, with the deadline error; a parent cancel wins too', async () => {
    let seen: AbortSignal | null = null;
    await expect(withDeadline(20, (signal) => { seen = signal; return new Promise(() => undefined); }, timeoutError)).rejects.toMatchObject({ errorClass: 'network', message: 'timed out' });
    expect(seen!.aborted).toBe(true);
    const parent = new AbortController();
    const running = withDeadline(LONG, () => new Promise(() => undefined), timeoutError, parent.signal);
    parent.abort(cancelledError('quit'));
    await expect(running).rejects.toMatchObject({ errorClass: 'cancelled' });
  });

  it('abortable settles like its promise until the signal aborts; a bare abort is "cancelled"', async () => {
    await expect(abortable(Promise.resolve(7), new AbortController().signal)).resolves.toBe(7);
    const ctrl = new AbortController();
    const pending = abortable(new Promise(() => undefined), ctrl.signal);
    ctrl.abort();
    await expect(pending).rejects.toMatchObject({ errorClass: 'cancelled' });
  });
});
