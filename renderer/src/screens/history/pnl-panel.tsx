import { useCallback, useMemo, useState } from 'react';
import type { RendererApi } from '../../../../electron/preload/types.js';
import { EmptyState, ErrorNotice, Loading } from '../../components/async-view.js';
import { Signed } from '../../components/signed.js';
import { formatMoney } from '../../format/number-format.js';
import { useQuery } from '../../state/use-query.js';
import { customDomain, xDomain } from './chart-scale.js';
import type { HistoryRange } from './history-model.js';
import { PnlChart } from './pnl-chart.js';
import { PnlOverTime } from './pnl-over-time.js';
import { pnlTotals, toPnlPoints } from './pnl-model.js';

interface Props {
  asked: { range: HistoryRange; from: string; to: string };
  account: { exchangeId: string; account: string } | null;
  accountKey: string;
  version: number;
  quote: string;
  rangeName: string;
}

/**
 * History's P&L view over the range chosen: what spot trades, converts, derivatives and
 * funding per day, or the P&L over time (realised, unrealised on the holdings,
 * and their sum).
 */
export function PnlPanel({ asked, account, accountKey, version, quote, rangeName }: Props) {
  const [mode, setMode] = useState<'daily' | 'time'>('daily');
  const load = useCallback(
    (api: RendererApi) => api.invoke('pnl:daily', { range: asked.range, account, from: asked.from || null, to: asked.to || null }),
    [asked, account],
  );
  const pnl = useQuery(`pnl:${asked.range}:${asked.from}:${asked.to}:${accountKey}:${version}`, load);
  const points = useMemo(() => toPnlPoints(pnl.data ?? []), [pnl.data]);
  const totals = useMemo(() => pnlTotals(pnl.data ?? []), [pnl.data]);
  const isCustom = asked.from !== '' || asked.to !== '';
  const domain = useMemo(() => {
    const times = points.map((p) => p.t);
    return isCustom ? customDomain(asked.from, asked.to, times, Date.now()) : xDomain(asked.range, times, Date.now());
  }, [asked, isCustom, points]);
  return (
    <div className="card chart-card" data-testid="pnl-chart" aria-busy={pnl.loading}>
      <div className="segmented pnl-mode" role="group" aria-label="P&L view">
        <button type="button" className="segment" aria-pressed={mode === 'daily'} onClick={() => setMode('daily')} data-testid="pnl-mode-daily">Realised per day</button>
        <button type="button" className="segment" aria-pressed={mode === 'time'} onClick={() => setMode('time')} data-testid="pnl-mode-time">P&amp;L over time</button>
      </div>
      {pnl.error && !pnl.data && <ErrorNotice error={pnl.error} onRetry={pnl.reload} />}
      {mode === 'time' && !(pnl.error && !pnl.data) && (
        <PnlOverTime asked={asked} account={account} accountKey={accountKey} version={version} quote={quote} rangeName={rangeName} days={pnl.data} />
      )}
      {mode === 'daily' && <>
        {totals && (
          <div className="chart-head" data-testid="pnl-head">
            <span className="summary-value"><Signed value={totals.realised} text={formatMoney(totals.realised, quote, undefined, true)} /></span>
            <span className="muted">realised {rangeName === 'all' ? 'since the first trade' : `over ${rangeName}`}, after {formatMoney(totals.fees, quote)} of fees{totals.partial ? ' (partial: some figures are unknown)' : ''}</span>
            <span className="muted" data-testid="pnl-parts">
              spot {formatMoney(totals.spot, quote, undefined, true)} · derivatives {formatMoney(totals.derivatives, quote, undefined, true)} · funding {formatMoney(totals.funding, quote, undefined, true)}, already counted in the closed P&amp;L of each position once it closes
            </span>
          </div>
        )}
        {!pnl.data && !pnl.error && <Loading label="Loading the realised P&L…" />}
        {pnl.data && points.length === 0 && (
          <EmptyState title="Nothing realised in this range">
            <p>A sale or convert of a spot holding realises a gain or loss against its average cost, and a closed derivative position its closed P&amp;L (fees and funding included); those days appear here, and so do days funding was paid or received.</p>
          </EmptyState>
        )}
        {points.length > 0 && (
          <figure className="chart-figure" aria-label={`Realised P&L over ${rangeName}: ${points.length} days with trades${totals ? `, ${formatMoney(totals.realised, quote, undefined, true)} in total` : ''}`}>
            <PnlChart points={points} quote={quote} domain={domain} />
            <figcaption className="history-legend">Bars: what each day realised: spot sales and converts (average cost, fees included) and closed derivative positions (the exchange's closed P&amp;L, which deducts the position's fees and the funding paid while it was open). Line: the running total. Funding is listed per day but not added again.</figcaption>
          </figure>
        )}
      </>}
    </div>
  );
}
