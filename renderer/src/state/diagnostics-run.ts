import type { ApiError } from '../../../electron/preload/types.js';
import type { DiagnosticCheck, DiagnosticsReport, DiagnosticStatus } from '../../../shared/api.js';
import { countOf } from '../../../shared/format/plural.js';

/**
 * A diagnostics run as the window sees it: results arrive one by one as
 * `diagnostics:result` events, then the whole report as the call's answer. A run started
 * from the tray shows here too: a result arriving while no run is under way starts one.
 */
export interface DiagnosticsRun {
  phase: 'idle' | 'running' | 'done' | 'failed';
  results: DiagnosticCheck[];
  error: ApiError | null;
  finishedAt: string | null;
}

export type DiagnosticsAction =
  | { type: 'started' }
  | { type: 'result'; check: DiagnosticCheck }
  | { type: 'finished'; report: DiagnosticsReport; at: string }
  | { type: 'failed'; error: ApiError; at: string };

export const initialDiagnosticsRun: DiagnosticsRun = { phase: 'idle', results: [], error: null, finishedAt: null };

/** Checks repeat per account ("credentials" of each), so a result is known by id and account. */
export function checkKey(c: Pick<DiagnosticCheck, 'id' | 'account'>): string {
  return `${c.id}|${c.account ?? ''}`;
}

export function diagnosticsReducer(state: DiagnosticsRun, action: DiagnosticsAction): DiagnosticsRun {
  switch (action.type) {
    case 'started':
      return state.phase === 'running' ? state : { phase: 'running', results: [], error: null, finishedAt: null };
    case 'result': {
      const base = state.phase === 'running' ? state : { phase: 'running' as const, results: [], error: null, finishedAt: null };
      const key = checkKey(action.check);
      const i = base.results.findIndex((c) => checkKey(c) === key);
      const results = i < 0 ? [...base.results, action.check] : base.results.map((c, j) => (j === i ? action.check : c));
      return { ...base, results };
    }
    case 'finished':
      // The report's order is the canonical one (global checks first, then per account).
      return { phase: 'done', results: action.report.checks, error: null, finishedAt: action.at };
    case 'failed':
      return { ...state, phase: 'failed', error: action.error, finishedAt: action.at };
  }
}

/** Results grouped for display: global checks under "General", then each account's. */
export function groupChecks(results: readonly DiagnosticCheck[]): Array<{ group: string; checks: DiagnosticCheck[] }> {
  const groups = new Map<string, DiagnosticCheck[]>();
  for (const c of results) {
    const g = c.account ?? 'General';
    const list = groups.get(g);
    if (list) list.push(c);
    else groups.set(g, [c]);
  }
  return [...groups].map(([group, checks]) => ({ group, checks }));
}

export function countByStatus(results: readonly DiagnosticCheck[]): Record<DiagnosticStatus, number> {
  const counts: Record<DiagnosticStatus, number> = { pass: 0, warn: 0, fail: 0, skip: 0 };
  for (const c of results) counts[c.status] += 1;
  return counts;
}

const MARK: Record<DiagnosticStatus, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', skip: 'SKIP' };

/**
 * Belt and braces: the results are redacted by the core already; this masks anything
 * that still looks like a credential (a password in a URL, a key or signature parameter).
 */
export function redactText(text: string): string {
  return text
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:)[^@\s/]+@/gi, '$1***@')
    .replace(/([?&](?:api[_-]?key|apikey|secret|sign|signature|token|password|passphrase)=)[^&\s]+/gi, '$1***');
}

/** The plain-text report "Copy report" puts on the clipboard. */
export function diagnosticsReportText(results: readonly DiagnosticCheck[], opts: { at: string; client: string }): string {
  const lines = [`AlphaPulse Sync diagnostics — ${opts.at}`, `Dashboard: ${opts.client}`];
  for (const { group, checks } of groupChecks(results)) {
    lines.push('', group);
    for (const c of checks) {
      lines.push(`  ${MARK[c.status]}  ${c.title}: ${c.detail}`);
      if (c.recommendation && c.status !== 'pass') lines.push(`        → ${c.recommendation}`);
    }
  }
  const n = countByStatus(results);
  lines.push('', `${n.fail === 0 ? 'OK' : 'PROBLEMS FOUND'}: ${n.fail} failed, ${countOf(n.warn, 'warning')}, ${n.pass} passed, ${n.skip} skipped`);
  return redactText(lines.join('\n'));
}
