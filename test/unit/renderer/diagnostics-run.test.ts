import { describe, expect, it } from 'vitest';
import type { DiagnosticCheck } from '../../../shared/api.js';
import {
  countByStatus, diagnosticsReducer, diagnosticsReportText, groupChecks, initialDiagnosticsRun, redactText,
} from '../../../renderer/src/state/diagnostics-run.js';

const check = (over: Partial<DiagnosticCheck> & Pick<DiagnosticCheck, 'id'>): DiagnosticCheck => ({
  account: null, title: over.id, status: 'pass', detail: 'fine', recommendation: '', data: {}, ...over,
});

describe('diagnostics run state', () => {
  it('adds results as they arrive, then takes the report’s order', () => {
    let s = diagnosticsReducer(initialDiagnosticsRun, { type: 'started' });
    s = diagnosticsReducer(s, { type: 'result', check: check({ id: 'clock', account: 'bybit/default' }) });
    s = diagnosticsReducer(s, { type: 'result', check: check({ id: 'settings' }) });
    expect(s.phase).toBe('running');
    expect(s.results.map((c) => c.id)).toEqual(['clock', 'settings']);
    s = diagnosticsReducer(s, { type: 'finished', at: '2026-11-21T10:00:00Z', report: { ok: true, checks: [check({ id: 'settings' }), check({ id: 'clock', account: 'bybit/default' })] } });
    expect(s).toMatchObject({ phase: 'done', finishedAt: '2026-11-21T10:00:00Z' });
    expect(s.results.map((c) => c.id)).toEqual(['settings', 'clock']);
  });

  it('tells the same check of two accounts apart', () => {
    let s = diagnosticsReducer(initialDiagnosticsRun, { type: 'result', check: check({ id: 'credentials', account: 'bybit/a' }) });
    s = diagnosticsReducer(s, { type: 'result', check: check({ id: 'credentials', account: 'bybit/b' }) });
    s = diagnosticsReducer(s, { type: 'result', check: check({ id: 'credentials', account: 'bybit/a', status: 'fail' }) });
    expect(s.results.map((c) => `${c.account}:${c.status}`)).toEqual(['bybit/a:fail', 'bybit/b:pass']);
  });

  it('a result after a finished run (a run from the tray) starts a new one', () => {
    const done = diagnosticsReducer(initialDiagnosticsRun, { type: 'finished', at: 'x', report: { ok: true, checks: [check({ id: 'old' })] } });
    const s = diagnosticsReducer(done, { type: 'result', check: check({ id: 'new' }) });
    expect(s.phase).toBe('running');
    expect(s.results.map((c) => c.id)).toEqual(['new']);
  });

  it('keeps the results gathered when the call fails', () => {
    let s = diagnosticsReducer(initialDiagnosticsRun, { type: 'result', check: check({ id: 'settings' }) });
    s = diagnosticsReducer(s, { type: 'failed', at: 'x', error: { errorClass: 'network', message: 'lost', recommendation: '' } });
    expect(s).toMatchObject({ phase: 'failed', error: { message: 'lost' } });
    expect(s.results).toHaveLength(1);
  });

  it('groups global checks first under "General" and counts statuses', () => {
    const results = [check({ id: 'settings' }), check({ id: 'clock', account: 'bybit/default', status: 'warn' }), check({ id: 'database', status: 'fail' })];
    expect(groupChecks(results).map((g) => `${g.group}:${g.checks.length}`)).toEqual(['General:2', 'bybit/default:1']);
    expect(countByStatus(results)).toEqual({ pass: 1, warn: 1, fail: 1, skip: 0 });
  });
});

describe('diagnostics report text', () => {
  it('lists each check with its recommendation and a summary line', () => {
    const text = diagnosticsReportText([
      check({ id: 'settings', title: 'Settings', detail: 'valid' }),
      check({ id: 'credentials', account: 'bybit/default', title: 'API key', status: 'fail', detail: 'Bybit says the key is invalid (10003)', recommendation: 'Check the key' }),
    ], { at: '2026-11-21T10:00:00Z', client: 'Chromium' });
    expect(text).toBe([
      'AlphaPulse Sync diagnostics — 2026-11-21T10:00:00Z', 'Dashboard: Chromium', '', 'General', '  PASS  Settings: valid', '',
      'bybit/default', '  FAIL  API key: Bybit says the key is invalid (10003)', '        → Check the key', '',
      'PROBLEMS FOUND: 1 failed, 0 warnings, 1 passed, 0 skipped',
    ].join('\n'));
  });

  it('masks anything credential-like that slipped through', () => {
    expect(redactText('postgres://app:hunter2@db.example:5432/x')).toBe('postgres://app:***@db.example:5432/x');
    expect(redactText('GET https://api.bybit.com/v5/x?api_key=ABC123&sign=deadbeef&limit=5')).toBe('GET https://api.bybit.com/v5/x?api_key=***&sign=***&limit=5');
    expect(redactText('key …ab12 accepted')).toBe('key …ab12 accepted');
  });
});
