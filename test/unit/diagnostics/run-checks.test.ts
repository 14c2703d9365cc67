import { describe, expect, it } from 'vitest';
import type { DiagnosticCheck } from '../../../shared/api.js';
import { fail, pass, warn, type CheckDefinition } from '../../../electron/core/diagnostics/check-types.js';
import { formatDiagnosticsText } from '../../../electron/core/diagnostics/report-text.js';
import { runChecks } from '../../../electron/core/diagnostics/run-checks.js';
import { createRedactor } from '../../../electron/core/redact.js';

const SECRET = 'sk-live-0123456789abcdef';

function def(id: string, run: CheckDefinition['run'], extra: Partial<CheckDefinition> = {}): CheckDefinition {
  return { id, account: null, title: id, run, ...extra };
}

describe('runChecks', () => {
  const redactor = createRedactor();
  redactor.addSecret(SECRET);
  const redact = (t: string) => redactor.redact(t);

  it('keeps the definitions\' order, streams every result and is ok with warnings', async () => {
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const streamed: string[] = [];
    const report = runChecks([
      def('first', async () => {
        await slow;
        return pass('done');
      }),
      def('second', async () => {
        release();
        return warn('careful', 'do this');
      }),
    ], { timeoutMs: 5000, redact, onResult: (c) => streamed.push(c.id) });
    const r = await report;
    expect(r.checks.map((c) => c.id)).toEqual(['first', 'second']);
    expect(streamed).toEqual(['second', 'first']);
    expect(r.ok).toBe(true);
  });

  it('turns a throwing check and a hanging check into failures without losing the others', async () => {
    const r = await runChecks([
      def('throws', async () => {
        throw new Error(`boom with ${SECRET}`);
      }),
      def('hangs', () => new Promise(() => undefined), { timeoutMs: 30 }),
      def('fine', async () => pass('ok')),
    ], { timeoutMs: 5000, redact });
    expect(r.ok).toBe(false);
    const [throws, hangs, fine] = r.checks as [DiagnosticCheck, DiagnosticCheck, DiagnosticCheck];
    expect(throws).toMatchObject({ status: 'fail', data: { errorClass: 'internal' } });
    expect(throws.detail).toContain('[redacted]');
    expect(throws.detail).not.toContain(SECRET);
    expect(throws.recommendation).not.toBe('');
    expect(hangs).toMatchObject({ status: 'fail', data: { timedOut: true, timeoutMs: 30 } });
    expect(hangs.recommendation).not.toBe('');
    expect(fine.status).toBe('pass');
  });

  it('redacts detail, recommendation and every string in data, and keeps data JSON-safe', async () => {
    const r = await runChecks([
      def('leaky', async () => fail(`key ${SECRET}`, `rotate ${SECRET}`, { nested: { list: [SECRET, 1, Number.NaN] }, at: new Date(0), gone: undefined })),
    ], { timeoutMs: 5000, redact });
    const c = r.checks[0]!;
    expect(JSON.stringify(c)).not.toContain(SECRET);
    expect(c.data).toEqual({ nested: { list: ['[redacted]', 1, null] }, at: '1970-01-01T00:00:00.000Z' });
  });

  it('a listener that throws does not cost the report', async () => {
    const r = await runChecks([def('a', async () => pass('ok'))], { timeoutMs: 1000, redact, onResult: () => { throw new Error('closed window'); } });
    expect(r.checks).toHaveLength(1);
  });
});

describe('formatDiagnosticsText', () => {
  it('groups by account, shows recommendations for problems only, and redacts the whole text', () => {
    const text = formatDiagnosticsText({
      ok: false,
      checks: [
        { id: 'database', account: null, title: 'Database', status: 'pass', detail: 'connected', recommendation: 'unused', data: {} },
        { id: 'credentials', account: 'bybit/default', title: 'API key', status: 'fail', detail: `rejected ${SECRET}`, recommendation: 'Enter the secret again.', data: {} },
      ],
    }, { appVersion: '9.9.9', node: '20.0.0', electron: null, os: 'TestOS' }, (t) => t.split(SECRET).join('[redacted]'), new Date(0));
    expect(text).toContain('App 9.9.9 · Node 20.0.0 · TestOS');
    expect(text).toContain('General\n  PASS  Database: connected');
    expect(text).not.toContain('unused');
    expect(text).toContain('bybit/default\n  FAIL  API key: rejected [redacted]\n        → Enter the secret again.');
    expect(text).toContain('PROBLEMS FOUND: 1 failed, 0 warnings, 1 passed, 0 skipped');
  });
});
