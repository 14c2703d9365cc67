import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { cancelledError } from '../../../electron/core/abort.js';
import { AppError } from '../../../electron/core/errors.js';
import type { CcxtExchange } from '../../../electron/core/exchange/ccxt-loader.js';
import { createGenericClient } from '../../../electron/core/exchange/generic-client.js';
import { createRedactor } from '../../../electron/core/redact.js';

// The generic ccxt client obeys the sync's signal like the Bybit one: after an abort or
// its first failed call, no call starts and no wait goes on.

const MARKETS = { 'BTC/USDT': { symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', spot: true }, 'ETH/USDT': { symbol: 'ETH/USDT', base: 'ETH', quote: 'USDT', spot: true } };

function fakeExchange(methods: Record<string, (...args: unknown[]) => Promise<unknown>>): { ex: CcxtExchange; calls: string[] } {
  const calls: string[] = [];
  const wrapped = Object.fromEntries(Object.entries(methods).map(([name, fn]) => [name, (...args: unknown[]) => { calls.push(name); return fn(...args); }]));
  const ex = { id: 'fakeex', timeout: 0, numberToString: (n: number) => String(n), ...wrapped } as unknown as CcxtExchange;
  return { ex, calls };
}

function client(ex: CcxtExchange) {
  return createGenericClient({
    ex, now: () => new Date(), errorContext: { exchangeName: 'Fakeex', testnet: false, demo: false, redactor: createRedactor() },
    resilience: { initialDelayMs: 50, maxDelayMs: 50, maxAttempts: 3, requestTimeoutMs: 60_000, random: () => 1 },
  });
}

const input = (signal: AbortSignal) => ({ fills: { cursor: null, historyStart: null }, accountMode: null, onProgress: () => undefined, signal });

describe('generic ccxt client and cancellation', () => {
  it('an abort ends the wait for a call in flight and starts no other', async () => {
    const { ex, calls } = fakeExchange({
      loadMarkets: async () => MARKETS, fetchBalance: async () => ({ total: { BTC: 1, ETH: 2 } }), fetchTickers: async () => ({}),
      fetchMyTrades: () => new Promise(() => undefined),
    });
    const ctrl = new AbortController();
    const collecting = client(ex).collect(input(ctrl.signal));
    while (!calls.includes('fetchMyTrades')) await sleep(5);
    ctrl.abort(cancelledError('quit'));
    await expect(collecting).rejects.toMatchObject({ errorClass: 'cancelled' });
    const before = calls.length;
    await sleep(200);
    expect(calls).toHaveLength(before);
  });

  it('the first failed call stops the others: a sibling being retried is not tried again', async () => {
    let tickerTries = 0;
    const { ex } = fakeExchange({
      loadMarkets: async () => MARKETS,
      fetchBalance: async () => { await sleep(10); throw new AppError('auth', 'key refused', 'check the key'); },
      fetchTickers: async () => { tickerTries += 1; throw new AppError('exchange-down', 'HTTP 502', 'wait', { transient: true }); },
    });
    await expect(client(ex).collect(input(new AbortController().signal))).rejects.toMatchObject({ errorClass: 'auth' });
    const tries = tickerTries;
    await sleep(300);
    expect(tickerTries).toBe(tries);
    expect(tries).toBeLessThan(3);
  });
});
