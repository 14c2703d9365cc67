import type { SyncRunSummary } from '../../../../shared/api.js';
import { ErrorNotice } from '../../components/async-view.js';
import { formatCount, formatMoney } from '../../format/number-format.js';
import { countOf } from '../../../../shared/format/plural.js';
import { skippedText, summaryHeadline } from './sync-model.js';
import { STEP_LABELS, stepFraction, type AccountProgress, type SyncActivity } from '../../state/sync-activity.js';
import { humanText } from '../../format/copy.js';
import { convertTotal } from '../../../../shared/format/display-currency.js';
import { useDisplayCurrency } from '../../state/display-currency.js';
import { useStatus } from '../../state/live-data.js';

/**
 * The sync in progress, from `sync:progress` events: each account's steps, the current
 * one's message and its done/total; then what the run ended with.
 */
export function SyncProgressView({ activity }: { activity: SyncActivity }) {
  if (activity.phase === 'idle') return null;
  return (
    <section className="card" aria-labelledby="progress-title" data-testid="sync-progress" data-phase={activity.phase}>
      <h2 id="progress-title" className="card-title">{activity.phase === 'running' ? 'Syncing…' : 'Last sync'}</h2>
      <div role="status" aria-live="polite">
        {activity.phase === 'running' && activity.accounts.length === 0 && <p className="muted">Starting…</p>}
        {activity.accounts.map((a) => (
          <AccountProgressRow key={`${a.exchangeId}/${a.account}`} p={a} running={activity.phase === 'running'}
            failed={activity.summary?.accounts.some((r) => r.exchangeId === a.exchangeId && r.account === a.account && !r.ok && r.skipped === null) ?? false} />
        ))}
        {activity.summary && activity.phase === 'finished' && <SummaryView summary={activity.summary} />}
      </div>
      {activity.error && <ErrorNotice title="The sync could not run" error={activity.error} />}
    </section>
  );
}

/** One account's steps; after a failed run the step it stopped at is marked, not left looking busy. */
function AccountProgressRow({ p, running, failed }: { p: AccountProgress; running: boolean; failed: boolean }) {
  const fraction = stepFraction(p);
  const current = STEP_LABELS.findIndex((s) => s.step === p.step);
  const stoppedAt = failed ? STEP_LABELS[current]?.label ?? p.step : null;
  return (
    <div className="progress-account" data-testid={`sync-progress-${p.exchangeId}-${p.account}`} data-step={p.step} data-failed={failed}>
      <div className="progress-head">
        <strong>{p.exchangeId}/{p.account}</strong>
        <span className={stoppedAt ? 'error-text' : 'muted'}>
          {stoppedAt ? `Failed while: ${p.message.toLowerCase()}` : p.message}
          {!stoppedAt && p.total !== null && p.step !== 'done' && ` — ${formatCount(p.done)} / ${formatCount(p.total)}`}
        </span>
      </div>
      {running && p.step !== 'done' && (fraction === null ? <progress aria-label={`${p.message}`} /> : <progress value={fraction} max={1} aria-label={p.message} />)}
      <ol className="steps" aria-label="Steps">
        {STEP_LABELS.filter((s) => s.step !== 'markets' || p.seen.includes('markets')).map((s, i) => {
          const index = STEP_LABELS.findIndex((x) => x.step === s.step);
          const state = p.step === 'done' || index < current ? 'done' : s.step === p.step ? (failed ? 'failed' : 'current') : 'todo';
          const icon = { done: '✓', current: '•', failed: '✕', todo: (i + 1).toString() }[state];
          return (
            <li key={s.step} className={`step step-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
              <span aria-hidden="true">{icon}</span> {s.label}{state === 'failed' && <span className="visually-hidden"> (failed)</span>}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function SummaryView({ summary }: { summary: SyncRunSummary }) {
  const headline = summaryHeadline(summary);
  const { data: status } = useStatus();
  const { currency } = useDisplayCurrency();
  // Each account's total in the display currency, at the rate the header uses.
  const money = (value: string) => {
    const t = convertTotal(value, currency, status?.rates ?? {});
    return formatMoney(t.value ?? value, t.currency);
  };
  return (
    <div className="sync-summary" data-testid="sync-summary" data-ok={summary.ok}>
      <p className={`${headline.tone}-text`} data-testid="sync-summary-headline">{headline.text}</p>
      <ul className="plain-list">
        {summary.accounts.map((a) => (
          <li key={`${a.exchangeId}/${a.account}`}>
            <strong>{a.exchangeId}/{a.account}</strong>{' '}
            {a.skipped !== null ? <span className="muted">not synced: {skippedText(a)}</span>
              : a.ok ? <span>synced{a.totalValue !== null && <> · {money(a.totalValue)}</>} · {countOf(a.fillsImported, 'new trade')} · {countOf(a.requests, 'request')}</span>
                : <span className="error-text">{a.error ? humanText(a.error.message) : 'failed'}</span>}
            {a.warnings.map((w) => <div key={w} className="warn-text small">⚠ {humanText(w)}</div>)}
          </li>
        ))}
      </ul>
    </div>
  );
}
