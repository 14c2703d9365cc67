import { useState } from 'react';
import type { DiagnosticCheck } from '../../../../shared/api.js';
import { ErrorNotice, EmptyState } from '../../components/async-view.js';
import { formatDateTime } from '../../format/time-format.js';
import { useDiagnosticsRun } from '../../state/live-activity.js';
import { countByStatus, diagnosticsReportText, groupChecks } from '../../state/diagnostics-run.js';
import { humanText } from '../../format/copy.js';
import { countOf } from '../../../../shared/format/plural.js';

const STATUS_TEXT: Record<DiagnosticCheck['status'], string> = { pass: 'Pass', warn: 'Warning', fail: 'Fail', skip: 'Skipped' };
const STATUS_ICON: Record<DiagnosticCheck['status'], string> = { pass: '✓', warn: '!', fail: '✕', skip: '–' };

/** #/diagnostics: every check, appearing as it finishes, each with what to do; a report to copy. */
export function DiagnosticsScreen() {
  const { run, start } = useDiagnosticsRun();
  const [copy, setCopy] = useState<{ kind: 'copied' } | { kind: 'manual'; text: string } | null>(null);
  const running = run.phase === 'running';
  const counts = countByStatus(run.results);

  const copyReport = () => {
    const text = diagnosticsReportText(run.results, { at: run.finishedAt ?? new Date().toISOString(), client: navigator.userAgent });
    navigator.clipboard.writeText(text).then(
      () => setCopy({ kind: 'copied' }),
      // Clipboard access can be refused; the text is then shown to copy by hand.
      () => setCopy({ kind: 'manual', text }),
    );
  };

  return (
    <section className="screen" aria-labelledby="diagnostics-title">
      <h1 id="diagnostics-title" className="screen-title">Diagnostics</h1>
      <div className="toolbar">
        <button type="button" className="button primary" onClick={() => { setCopy(null); start(); }} disabled={running} data-testid="diagnostics-run">
          {running ? 'Running…' : run.phase === 'idle' ? 'Run diagnostics' : 'Run again'}
        </button>
        <button type="button" className="button" onClick={copyReport} disabled={run.results.length === 0 || running} data-testid="diagnostics-copy">
          Copy report
        </button>
        <span className="muted small" role="status" aria-live="polite" data-testid="diagnostics-summary">
          {running && `${countOf(run.results.length, 'check')} done…`}
          {run.phase === 'done' && `${counts.fail} failed, ${countOf(counts.warn, 'warning')}, ${counts.pass} passed, ${counts.skip} skipped · ${formatDateTime(run.finishedAt)}`}
          {copy?.kind === 'copied' && ' · Report copied'}
        </span>
      </div>
      {copy?.kind === 'manual' && (
        <div className="card">
          <label htmlFor="diagnostics-report-text">The clipboard is not available here: copy the report from this box.</label>
          <textarea id="diagnostics-report-text" className="report-text" readOnly value={copy.text} rows={12} onFocus={(e) => e.currentTarget.select()} />
        </div>
      )}
      {run.error && <ErrorNotice title="Diagnostics could not run" error={run.error} />}
      {run.phase === 'idle' && (
        <EmptyState title="Find out what is wrong">
          <p>Checks the settings, the database, the keychain, the network path to each exchange, the clock, the API key and its permissions. Nothing is changed.</p>
        </EmptyState>
      )}
      {groupChecks(run.results).map(({ group, checks }) => (
        <section key={group} className="card" aria-label={group}>
          <h2 className="card-title">{group}</h2>
          <ul className="checks">
            {checks.map((c) => <CheckItem key={`${c.id}|${c.account ?? ''}`} check={c} />)}
          </ul>
        </section>
      ))}
      {running && <p className="muted small"><span className="spinner" aria-hidden="true" /> Waiting for the remaining checks…</p>}
    </section>
  );
}

function CheckItem({ check: c }: { check: DiagnosticCheck }) {
  return (
    <li className={`check check-${c.status}`} data-testid={`diagnostic-${c.id}`} data-status={c.status} data-account={c.account ?? ''}>
      <span className={`check-icon icon-${c.status}`} aria-hidden="true">{STATUS_ICON[c.status]}</span>
      <div className="check-body">
        <div className="check-head">
          <strong>{c.title}</strong>
          <span className={`badge badge-check-${c.status}`}>{STATUS_TEXT[c.status]}</span>
        </div>
        <p className="check-detail">{humanText(c.detail)}</p>
        {c.recommendation && c.status !== 'pass' && <p className="check-recommendation">→ {humanText(c.recommendation)}</p>}
      </div>
    </li>
  );
}
