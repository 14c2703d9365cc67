import { describe, expect, it } from 'vitest';
import type { SyncRunSummary } from '../../../shared/api.js';
import type { SyncProgress } from '../../../shared/domain.js';
import { initialSyncActivity, stepFraction, syncActivityReducer, type SyncActivity, type SyncActivityAction } from '../../../renderer/src/state/sync-activity.js';

const progress = (over: Partial<SyncProgress>): SyncProgress => ({ exchangeId: 'bybit', account: 'default', step: 'prices', done: 0, total: null, message: 'Reading prices', ...over });
const summary = (ok: boolean): SyncRunSummary => ({ startedAt: '2026-11-21T10:00:00Z', finishedAt: '2026-11-21T10:00:02Z', ok, accounts: [] });
const run = (actions: SyncActivityAction[], from: SyncActivity = initialSyncActivity) => actions.reduce(syncActivityReducer, from);

describe('sync progress state', () => {
  it('follows one account through its steps, keeping the order they were seen', () => {
    const s = run([
      { type: 'started' },
      { type: 'progress', progress: progress({ step: 'prices' }) },
      { type: 'progress', progress: progress({ step: 'balances', message: 'Reading balances' }) },
      { type: 'progress', progress: progress({ step: 'fills', done: 3, total: 104, message: 'Importing trade history' }) },
      { type: 'progress', progress: progress({ step: 'fills', done: 50, total: 104, message: 'Importing trade history' }) },
    ]);
    expect(s.phase).toBe('running');
    expect(s.accounts).toHaveLength(1);
    expect(s.accounts[0]).toMatchObject({ step: 'fills', done: 50, total: 104, seen: ['prices', 'balances', 'fills'] });
  });

  it('keeps accounts apart', () => {
    const s = run([
      { type: 'progress', progress: progress({ account: 'a' }) },
      { type: 'progress', progress: progress({ account: 'b', step: 'saving' }) },
      { type: 'progress', progress: progress({ account: 'a', step: 'done', done: 1, total: 1 }) },
    ]);
    expect(s.accounts.map((a) => `${a.account}:${a.step}`)).toEqual(['a:done', 'b:saving']);
  });

  it('shows a run started elsewhere (tray, schedule) from its first event or the status', () => {
    expect(run([{ type: 'progress', progress: progress({}) }]).phase).toBe('running');
    expect(run([{ type: 'status', syncing: true }]).phase).toBe('running');
  });

  it('finishes on sync:finished, on the call’s answer, or when the status says it is over', () => {
    const running = run([{ type: 'started' }, { type: 'progress', progress: progress({}) }]);
    expect(run([{ type: 'finished', summary: summary(true) }], running)).toMatchObject({ phase: 'finished', summary: { ok: true } });
    expect(run([{ type: 'status', syncing: false }], running)).toMatchObject({ phase: 'finished', summary: null });
    expect(run([{ type: 'failed', error: { errorClass: 'database', message: 'down', recommendation: 'start it' } }], running)).toMatchObject({ phase: 'finished', error: { message: 'down' } });
  });

  it('a status without sync does not invent a finished run, and a second start does not wipe a running one', () => {
    expect(run([{ type: 'status', syncing: false }])).toBe(initialSyncActivity);
    const running = run([{ type: 'progress', progress: progress({}) }]);
    expect(run([{ type: 'started' }], running)).toBe(running);
  });

  it('starts fresh after a finished run', () => {
    const finished = run([{ type: 'progress', progress: progress({ account: 'old' }) }, { type: 'finished', summary: summary(false) }]);
    const next = run([{ type: 'progress', progress: progress({ account: 'new' }) }], finished);
    expect(next.accounts.map((a) => a.account)).toEqual(['new']);
    expect(next.summary).toBeNull();
  });

  it('gives a bar fraction only when the size is known', () => {
    expect(stepFraction({ step: 'fills', done: 26, total: 104 })).toBe(0.25);
    expect(stepFraction({ step: 'prices', done: 0, total: null })).toBeNull();
    expect(stepFraction({ step: 'done', done: 0, total: null })).toBe(1);
    expect(stepFraction({ step: 'fills', done: 9, total: 3 })).toBe(1);
  });
});
