import os from 'node:os';
import type { DiagnosticCheck, DiagnosticsReport } from '../../../shared/api.js';
import { countOf } from '../../../shared/format/plural.js';
import { humanDate } from './check-types.js';

/** Where the report was made: what a support request needs besides the checks. */
export interface RuntimeInfo {
  appVersion: string;
  node: string;
  electron: string | null;
  os: string;
}

/** App, Node, Electron (when running in it) and OS versions of this process. */
export function describeRuntime(appVersion: string): RuntimeInfo {
  return {
    appVersion,
    node: process.versions.node,
    electron: process.versions.electron ?? null,
    os: `${os.type()} ${os.release()} (${process.platform} ${process.arch})`,
  };
}

const MARK: Record<DiagnosticCheck['status'], string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', skip: 'SKIP' };

/**
 * The report as text for a person or a support request ("copy report"): runtime, then
 * each check with its detail and recommendation. Checks are already redacted;
 * `redact` runs once more over the whole text, so nothing secret can slip in here.
 */
export function formatDiagnosticsText(report: DiagnosticsReport, runtime: RuntimeInfo, redact: (text: string) => string, at: Date = new Date()): string {
  const lines = [
    `AlphaPulse Sync diagnostics — ${humanDate(at)}`,
    `App ${runtime.appVersion} · Node ${runtime.node}${runtime.electron ? ` · Electron ${runtime.electron}` : ''} · ${runtime.os}`,
  ];
  const groups = new Map<string, DiagnosticCheck[]>();
  for (const c of report.checks) {
    const key = c.account ?? 'General';
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  for (const [group, checks] of groups) {
    lines.push('', group);
    for (const c of checks) {
      lines.push(`  ${MARK[c.status]}  ${c.title}: ${c.detail}`);
      if (c.recommendation && c.status !== 'pass') lines.push(`        → ${c.recommendation}`);
    }
  }
  const count = (s: DiagnosticCheck['status']) => report.checks.filter((c) => c.status === s).length;
  lines.push('', `${report.ok ? 'OK' : 'PROBLEMS FOUND'}: ${count('fail')} failed, ${countOf(count('warn'), 'warning')}, ${count('pass')} passed, ${count('skip')} skipped`);
  return redact(lines.join('\n'));
}

/** One line per finished check, for progress while the others run. */
export function formatDiagnosticLine(c: DiagnosticCheck): string {
  return `${MARK[c.status]}  ${c.account ? `${c.account} ` : ''}${c.title}: ${c.detail}`;
}
