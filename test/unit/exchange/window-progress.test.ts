import { describe, expect, it } from 'vitest';
import { windowProgress } from '../../../electron/core/exchange/window-progress.js';

type Seen = { step: string; done: number; total: number | null; message: string };

describe('window progress', () => {
  it('sums the windows of every list into one figure that moves as each window is read', () => {
    const seen: Seen[] = [];
    const p = windowProgress((x) => seen.push(x));
    const spot = p.add(20);
    const transfers = p.add(5);
    spot();
    transfers();
    expect(seen.map((s) => [s.done, s.total])).toEqual([[1, 25], [2, 25]]);
    expect(new Set(seen.map((s) => s.step))).toEqual(new Set(['fills']));
    expect(seen.at(-1)!.message).toBe('Importing two years of history');
  });

  it('a warm sync (one window a kind) reads as new records, up to 24 windows', () => {
    const seen: Seen[] = [];
    const p = windowProgress((x) => seen.push(x));
    p.add(24)();
    expect(seen.at(-1)).toMatchObject({ done: 1, total: 24, message: 'Reading new trades and records' });
    p.add(1)();
    expect(seen.at(-1)).toMatchObject({ done: 2, total: 25, message: 'Importing two years of history' });
  });
});
