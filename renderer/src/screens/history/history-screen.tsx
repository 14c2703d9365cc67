import { useCallback, useMemo, useState } from 'react';
import type { RendererApi } from '../../../../electron/preload/types.js';
import { EmptyState, ErrorNotice, Loading } from '../../components/async-view.js';
import { Signed } from '../../components/signed.js';
import { accountName } from '../../components/status-summary.js';
import { formatMoney, formatPercent } from '../../format/number-format.js';
import { useDataVersion, useStatus } from '../../state/live-data.js';
import { useQuery } from '../../state/use-query.js';
import { changeSpanPhrase, xDomain } from './chart-scale.js';
import { HistoryChart } from './history-chart.js';
import { parseAccountKey, RANGE_LABELS, RANGE_PHRASES, RANGES, rangeChange, toChartPoints, type HistoryRange } from './history-model.js';

const QUOTE = 'USDT';

/** #/history: net value over time, by range and account. */
export function HistoryScreen() {
  const [range, setRange] = useState<HistoryRange>('30d');
  const [accountKey, setAccountKey] = useState('');
  const version = useDataVersion();
  const { data: status } = useStatus();
  const load = useCallback(
    (api: RendererApi) => api.invoke('net-value:get', { range, account: parseAccountKey(accountKey), maxPoints: 500 }),
    [range, accountKey],
  );
  const history = useQuery(`net-value:${range}:${accountKey}:${version}`, load);
  const points = useMemo(() => toChartPoints(history.data ?? []), [history.data]);
  const change = useMemo(() => rangeChange(history.data ?? []), [history.data]);
  const last = history.data?.[history.data.length - 1];
  // Read once per answer: the axis ends at the time the points were fetched, not a moving "now".
  const domain = useMemo(() => xDomain(range, points.map((p) => p.t), Date.now()), [range, points]);
  const phrase = points.length > 1 ? changeSpanPhrase(range, points[0]!.t, points[points.length - 1]!.t, RANGE_PHRASES[range]) : RANGE_PHRASES[range];

  return (
    <section className="screen" aria-labelledby="history-title">
      <h1 id="history-title" className="screen-title">History</h1>
      <div className="toolbar">
        <div className="segmented" role="group" aria-label="Range">
          {RANGES.map((r) => (
            <button key={r} type="button" className="segment" aria-pressed={range === r} onClick={() => setRange(r)} data-testid={`history-range-${r}`}>
              {RANGE_LABELS[r]}
            </button>
          ))}
        </div>
        {status && status.accounts.length > 1 && (
          <label className="field-inline">
            Account
            <select value={accountKey} onChange={(e) => setAccountKey(e.target.value)} data-testid="history-account">
              <option value="">All accounts</option>
              {status.accounts.map((a) => (
                <option key={`${a.exchangeId}/${a.account}`} value={`${a.exchangeId}/${a.account}`}>{accountName(a)}</option>
              ))}
            </select>
          </label>
        )}
        {history.loading && history.data && <span className="muted small" role="status">Updating…</span>}
      </div>
      <div className="card chart-card" data-testid="history-chart" aria-busy={history.loading}>
        {history.data && last && (
          <div className="chart-head" data-testid="history-head">
            <span className="summary-value">{formatMoney(last.value, QUOTE)}</span>
            {change && <Signed value={change.change} text={`${formatMoney(change.change, QUOTE, undefined, true)} (${formatPercent(change.pct, undefined, { signed: true })}) ${phrase}`} />}
            {!change && points.length === 1 && <span className="muted">One point so far: the change shows after the next sync</span>}
          </div>
        )}
        {history.error && !history.data && <ErrorNotice error={history.error} onRetry={history.reload} />}
        {!history.data && !history.error && <Loading label="Loading the history…" />}
        {history.data && points.length === 0 && (
          <EmptyState title="No history in this range yet">
            <p>Every successful sync adds a point; the chart fills in as syncs run.</p>
          </EmptyState>
        )}
        {points.length > 0 && (
          <figure className="chart-figure" aria-label={`Net value over ${RANGE_LABELS[range].toLowerCase()}: ${points.length} points${last ? `, latest ${formatMoney(last.value, QUOTE)}` : ''}`}>
            <HistoryChart points={points} quote={QUOTE} domain={domain} />
          </figure>
        )}
      </div>
    </section>
  );
}
