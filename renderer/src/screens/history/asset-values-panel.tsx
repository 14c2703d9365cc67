import { useCallback, useMemo } from 'react';
import type { RendererApi } from '../../../../electron/preload/types.js';
import type { DisplayCurrency } from '../../../../shared/domain.js';
import { countOf } from '../../../../shared/format/plural.js';
import { EmptyState, ErrorNotice, Loading } from '../../components/async-view.js';
import { Signed } from '../../components/signed.js';
import { formatMoney, UNKNOWN } from '../../format/number-format.js';
import { formatDateTime } from '../../format/time-format.js';
import { useQuery } from '../../state/use-query.js';
import { assetBreakdown, seriesChange, type AssetSeries } from './asset-values-model.js';
import { AssetValuesChart, seriesColour } from './asset-values-chart.js';
import { customDomain, xDomain } from './chart-scale.js';
import type { HistoryRange } from './history-model.js';

interface Props {
  asked: { range: HistoryRange; from: string; to: string };
  account: { exchangeId: string; account: string } | null;
  accountKey: string;
  version: number;
  currency: DisplayCurrency;
  rangeName: string;
}

/** How many names of "Other" the table spells out before "and N more". */
const OTHER_NAMES = 8;

/**
 * History's value by asset: the largest assets' lines and "Other" over the range, in
 * the display currency at each point's own rate, and a table with the first and latest
 * figure of each line — what a screen reader gets, and the legend for everyone.
 */
export function AssetValuesPanel({ asked, account, accountKey, version, currency, rangeName }: Props) {
  const load = useCallback(
    (api: RendererApi) => api.invoke('net-value:assets', { range: asked.range, account, maxPoints: 200, from: asked.from || null, to: asked.to || null }),
    [asked, account],
  );
  const query = useQuery(`net-value-assets:${asked.range}:${asked.from}:${asked.to}:${accountKey}:${version}`, load);
  const b = useMemo(() => assetBreakdown(query.data ?? [], currency), [query.data, currency]);
  const isCustom = asked.from !== '' || asked.to !== '';
  const domain = useMemo(() => {
    const times = b.points.map((p) => p.t);
    return isCustom ? customDomain(asked.from, asked.to, times, Date.now()) : xDomain(asked.range, times, Date.now());
  }, [asked, isCustom, b.points]);
  return (
    <section className="card chart-card asset-values" aria-labelledby="asset-values-title" data-testid="asset-values" aria-busy={query.loading}>
      <h2 id="asset-values-title" className="card-title">Value by asset</h2>
      {query.error && !query.data && <ErrorNotice error={query.error} onRetry={query.reload} />}
      {!query.data && !query.error && <Loading label="Loading the value by asset…" />}
      {query.data && b.points.length === 0 && (
        <EmptyState title="No measured point in this range">
          <p>Each sync stores every asset&apos;s value; the days reconstructed from your trades have only the total.</p>
        </EmptyState>
      )}
      {b.points.length > 0 && (
        <figure className="chart-figure" aria-labelledby="asset-values-title">
          <AssetValuesChart series={b.series} points={b.points} currency={b.currency} domain={domain} />
          <AssetTable series={b.series} currency={b.currency} rangeName={rangeName} />
          <figcaption className="history-legend" data-testid="asset-values-note">
            <span className="history-legend-item">
              {b.fallback
                ? `No ${b.fallback} rate is stored for this range: figures are in USDT.`
                : `${countOf(b.points.length, 'measured point')}, in ${b.currency}${b.currency === 'USDT' ? '' : ' at each point\'s own exchange rate'}. It starts when every account shown has synced (the reconstructed days are in the net value only); coins without a price are left out, as from the total.`}
            </span>
            {b.missing > 0 && (
              <span className="history-legend-item history-legend-gaps" data-testid="asset-values-gaps">
                {`No ${b.currency} rate for ${countOf(b.missing, 'point')}: left as gaps, not converted at a guess.`}
              </span>
            )}
          </figcaption>
        </figure>
      )}
    </section>
  );
}

function AssetTable({ series, currency, rangeName }: { series: AssetSeries[]; currency: DisplayCurrency; rangeName: string }) {
  const when = (t: number | undefined) => (t === undefined ? '' : formatDateTime(new Date(t).toISOString()));
  return (
    <div className="table-wrap">
      <table className="data-table asset-table" data-testid="asset-values-table">
        <caption className="visually-hidden">Value by asset in {currency} over {rangeName}: each line&apos;s first and latest figure and the change between them</caption>
        <thead>
          <tr>
            <th scope="col">Asset</th>
            <th scope="col" className="num">First</th>
            <th scope="col" className="num">Latest</th>
            <th scope="col" className="num">Change</th>
          </tr>
        </thead>
        <tbody>
          {series.map((s) => {
            const change = seriesChange(s);
            const names = s.members.slice(0, OTHER_NAMES).join(', ') + (s.members.length > OTHER_NAMES ? ` and ${s.members.length - OTHER_NAMES} more` : '');
            return (
              <tr key={s.key} data-testid={`asset-values-row-${s.key}`}>
                <th scope="row" className="asset">
                  <span className="asset-key" style={{ background: seriesColour(s) }} aria-hidden="true" />
                  {s.key}
                  {s.members.length > 0 && <span className="muted small"> ({countOf(s.members.length, 'asset')}: {names})</span>}
                </th>
                <td className="num" title={when(s.first?.t)}>{s.first ? formatMoney(s.first.value, currency) : UNKNOWN}</td>
                <td className="num" title={when(s.last?.t)}>{s.last ? formatMoney(s.last.value, currency) : UNKNOWN}</td>
                <td className="num">{change === null ? UNKNOWN : <Signed value={change} text={formatMoney(change, currency, undefined, true)} />}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
