import { describe, expect, it } from 'vitest';
import { progressLines } from '../../../electron/cli/progress-lines.js';
import type { SyncProgress } from '../../../shared/domain.js';

const at = (done: number, total: number, message = 'Importing two years of history', account = 'main'): SyncProgress =>
  ({ exchangeId: 'bybit', account, step: 'fills', done, total, message });

describe('CLI progress lines', () => {
  it('a long import speaks as it starts and at each tenth of its windows, per account', () => {
    const lines: string[] = [];
    const feed = progressLines((l) => lines.push(l));
    for (let d = 0; d <= 1000; d++) feed(at(d, 1000));
    feed(at(0, 20, 'Importing two years of history', 'sub'));
    expect(lines).toHaveLength(12);
    expect(lines[0]).toBe('bybit/main: importing two years of history: 0% (0 of 1,000 windows)');
    expect(lines[1]).toBe('bybit/main: importing two years of history: 10% (100 of 1,000 windows)');
    expect(lines[10]).toBe('bybit/main: importing two years of history: 100% (1,000 of 1,000 windows)');
    expect(lines[11]).toBe('bybit/sub: importing two years of history: 0% (0 of 20 windows)');
  });

  it('a warm sync and the other steps stay quiet', () => {
    const lines: string[] = [];
    const feed = progressLines((l) => lines.push(l));
    feed(at(3, 18, 'Reading new trades and records'));
    feed({ exchangeId: 'bybit', account: 'main', step: 'saving', done: 0, total: null, message: 'Saving' });
    feed({ exchangeId: 'okx', account: 'main', step: 'fills', done: 0, total: null, message: 'Importing trade history' });
    expect(lines).toEqual([]);
  });
});
