import { useCallback, useEffect, useMemo, useState } from 'react';
import type { RendererApi } from '../../../../electron/preload/types.js';
import { EmptyState, ErrorNotice, Loading } from '../../components/async-view.js';
import { Signed } from '../../components/signed.js';
import { accountName } from '../../components/status-summary.js';
import { formatMoney, formatPercent } from '../../format/number-format.js';
import { formatDateTime } from '../../format/time-format.js';
import { useDataVersion, useStatus } from '../../state/live-data.js';
import { useQuery } from '../../state/use-query.js';
import { ExportButton } from '../../components/export-button.js';
import { CurrencySelect } from '../../components/currency-select.js';
import { useDisplayCurrency } from '../../state/display-currency.js';
import { changeSpanPhrase, customDomain, RANGE_MS, xDomain } from './chart-scale.js';
import { HistoryChart } from './history-chart.js';
import { HistoryLegend } from './history-legend.js';
import { PnlPanel } from './pnl-panel.js';
import { AssetValuesPanel } from './asset-values-panel.js';
import { convertHistory, customRangeProblem, legendOf, parseAccountKey, RANGE_LABELS, RANGE_PHRASES, RANGES, rangeChange, toChartPoints, type HistoryRange } from './history-model.js';
import './history.css';

/** #/history: net value over time, by range and account. */
export function HistoryScreen() {
  const [range, setRange] = useState<HistoryRange | 'custom'>('30d');
  const [custom, setCustom] = useState({ from: '', to: '' });
  const [accountKey, setAccountKey] = useState('');
  const [view, setView] = useState<'value' | 'pnl'>('value');
  const version = useDataVersion();
  const { data: status } = useStatus();
  const customProblem = range === 'custom' ? customRangeProblem(custom.from, custom.to) : null;
  // Custom dates ask for 'all' within them; a problem keeps the last good answer on screen.
  const [asked, setAsked] = useState({ range: '30d' as HistoryRange, from: '', to: '' });
  useEffect(() => {
    if (range !== 'custom') setAsked({ range, from: '', to: '' });
    else if (customProblem === null) setAsked({ range: 'all', from: custom.from, to: custom.to });
  }, [range, custom, customProblem]);
  const load = useCallback(
    (api: RendererApi) => api.invoke('net-value:get', { range: asked.range, account: parseAccountKey(accountKey), maxPoints: 500, from: asked.from || null, to: asked.to || null }),
    [asked, accountKey],
  );
  const history = useQuery(`net-value:${asked.range}:${asked.from}:${asked.to}:${accountKey}:${version}`, load);
  const display = useDisplayCurrency();
  // Each point in the display currency at its own snapshot's rate; a point without one is a gap.
  const converted = useMemo(() => convertHistory(history.data ?? [], display.currency), [history.data, display.currency]);
  const quote = converted.currency;
  const points = useMemo(() => toChartPoints(converted.points), [converted]);
  const legend = useMemo(() => legendOf(points), [points]);
  const change = useMemo(() => rangeChange(converted.points), [converted]);
  const drawn = useMemo(() => points.filter((p) => p.value !== null), [points]);
  const last = drawn[drawn.length - 1];
  const isCustom = asked.from !== '' || asked.to !== '';
  // Read once per answer: the axis ends at the time the points were fetched, not a moving "now".
  const domain = useMemo(() => {
    const times = points.map((p) => p.t);
    return isCustom ? customDomain(asked.from, asked.to, times, Date.now()) : xDomain(asked.range, times, Date.now());
  }, [asked, isCustom, points]);
  const fullPhrase = isCustom ? 'between the dates chosen' : RANGE_PHRASES[asked.range];
  const phrase = drawn.length > 1 ? changeSpanPhrase(isCustom ? 'all' : asked.range, drawn[0]!.t, drawn[drawn.length - 1]!.t, fullPhrase) : fullPhrase;
  const account = parseAccountKey(accountKey);
  const exportFilter = useMemo(() => ({
    account: account ? `${account.exchangeId}:${account.account}` : null,
    from: isCustom ? (asked.from || null) : asked.range === 'all' ? null : new Date(Date.now() - RANGE_MS[asked.range]).toISOString(),
    to: isCustom ? (asked.to || null) : null,
  }), [account?.exchangeId, account?.account, asked, isCustom]);
  const rangeName = isCustom ? `${asked.from || 'the start'} to ${asked.to || 'today'}` : RANGE_LABELS[asked.range].toLowerCase();

  return (
    <section className="screen" aria-labelledby="history-title">
      <h1 id="history-title" className="screen-title">History</h1>
      <div className="toolbar">
        <div className="segmented" role="group" aria-label="Show">
          <button type="button" className="segment" aria-pressed={view === 'value'} onClick={() => setView('value')} data-testid="history-view-value">Net value</button>
          <button type="button" className="segment" aria-pressed={view === 'pnl'} onClick={() => setView('pnl')} data-testid="history-view-pnl">P&amp;L</button>
        </div>
        <div className="segmented" role="group" aria-label="Range">
          {RANGES.map((r) => (
            <button key={r} type="button" className="segment" aria-pressed={range === r} onClick={() => setRange(r)} data-testid={`history-range-${r}`}>
              {RANGE_LABELS[r]}
            </button>
          ))}
          <button type="button" className="segment" aria-pressed={range === 'custom'} onClick={() => setRange('custom')} data-testid="history-range-custom">
            Custom
          </button>
        </div>
        {range === 'custom' && (
          <>
            <label className="field-inline">
              From
              <input type="date" value={custom.from} onChange={(e) => setCustom((c) => ({ ...c, from: e.target.value }))} data-testid="history-from" aria-invalid={customProblem !== null && custom.from !== ''} />
            </label>
            <label className="field-inline">
              To
              <input type="date" value={custom.to} onChange={(e) => setCustom((c) => ({ ...c, to: e.target.value }))} data-testid="history-to" aria-invalid={customProblem !== null && custom.to !== ''} />
            </label>
          </>
        )}
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
        {view === 'value' && <CurrencySelect id="history-currency" currency={display.currency} onCurrency={display.setCurrency} busy={display.busy} />}
        {history.loading && history.data && <span className="muted small" role="status">Updating…</span>}
        {view === 'value'
          ? <ExportButton kind="net-value" filter={exportFilter} what="net value history" />
          : <ExportButton kind="realised" filter={exportFilter} what="realised P&L per fill" />}
      </div>
      {customProblem && <p className="muted small" role="status" data-testid="history-custom-problem">{customProblem}</p>}
      {display.error && <ErrorNotice title="Could not change the currency" error={display.error} />}
      {view === 'pnl' && <PnlPanel asked={asked} account={account} accountKey={accountKey} version={version} quote="USDT" rangeName={rangeName} />}
      {view === 'value' && <div className="card chart-card" data-testid="history-chart" aria-busy={history.loading}>
        {history.data && last?.value && (
          <div className="chart-head" data-testid="history-head">
            <span className="summary-value">{formatMoney(last.value, quote)}</span>
            {change && <Signed value={change.change} text={`${formatMoney(change.change, quote, undefined, true)} (${formatPercent(change.pct, undefined, { signed: true })}) ${phrase}`} />}
            {!change && drawn.length === 1 && <span className="muted">One point so far: the change shows after the next sync</span>}
            {last !== points[points.length - 1] && <span className="muted">as of {formatDateTime(new Date(last.t).toISOString())}, the newest point with a {quote} rate</span>}
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
          <figure className="chart-figure" aria-label={`Net value in ${quote} over ${rangeName}: ${points.length} points${last?.value ? `, latest ${formatMoney(last.value, quote)}` : ''}${legend.reconstructed ? '; the earlier part is reconstructed from your trades' : ''}${legend.gaps ? `; ${legend.gaps} without a ${quote} rate` : ''}`}>
            <HistoryChart points={points} quote={quote} domain={domain} />
            <HistoryLegend legend={legend} currency={quote} fallback={converted.fallback} />
          </figure>
        )}
      </div>}
      {view === 'value' && <AssetValuesPanel asked={asked} account={account} accountKey={accountKey} version={version} currency={display.currency} rangeName={rangeName} />}
    </section>
  );
}
