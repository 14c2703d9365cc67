import { useCallback, useMemo, useState } from 'react';
import type { RendererApi } from '../../../../electron/preload/types.js';
import type { PnlDay } from '../../../../shared/trades.js';
import { EmptyState, ErrorNotice, Loading } from '../../components/async-view.js';
import { Signed } from '../../components/signed.js';
import { formatMoney, UNKNOWN } from '../../format/number-format.js';
import { formatDateTime } from '../../format/time-format.js';
import { useQuery } from '../../state/use-query.js';
import { customDomain, xDomain } from './chart-scale.js';
import type { HistoryRange } from './history-model.js';
import { PARTIAL_DASH, PNL_TIME_LINES, PnlTimeChart } from './pnl-time-chart.js';
import { costNote, pnlTimeSummary, toPnlTimePoints } from './pnl-time-model.js';

interface Props {
  asked: { range: HistoryRange; from: string; to: string };
  account: { exchangeId: string; account: string } | null;
  accountKey: string;
  version: number;
  quote: string;
  rangeName: string;
  /** pnl:daily's answer for the same range (null while it loads). */
  days: PnlDay[] | null;
}

const money = (v: string | null, quote: string) => (v === null ? UNKNOWN : formatMoney(v, quote, undefined, true));

/** History's "P&L over time": realised since the range's start, unrealised on the holdings, and their sum. */
export function PnlOverTime({ asked, account, accountKey, version, quote, rangeName, days }: Props) {
  const load = useCallback(
    (api: RendererApi) => api.invoke('net-value:get', { range: asked.range, account, maxPoints: 500, from: asked.from || null, to: asked.to || null }),
    [asked, account],
  );
  const values = useQuery(`pnl-time:${asked.range}:${asked.from}:${asked.to}:${accountKey}:${version}`, load);
  const points = useMemo(() => toPnlTimePoints(values.data ?? [], days ?? []), [values.data, days]);
  const summary = useMemo(() => pnlTimeSummary(points), [points]);
  const isCustom = asked.from !== '' || asked.to !== '';
  const domain = useMemo(() => {
    const times = points.map((p) => p.t);
    return isCustom ? customDomain(asked.from, asked.to, times, Date.now()) : xDomain(asked.range, times, Date.now());
  }, [asked, isCustom, points]);
  if (values.error && !values.data) return <ErrorNotice error={values.error} onRetry={values.reload} />;
  if (!values.data || days === null) return <Loading label="Loading the P&L over time…" />;
  if (points.length === 0 || summary === null) {
    return (
      <EmptyState title="No points in this range yet">
        <p>Every successful sync adds a point; the P&amp;L over time fills in as syncs run.</p>
      </EmptyState>
    );
  }
  const { last } = summary;
  const gaps = summary.unknown > 0 ? `; ${summary.unknown} of ${points.length} points have no known cost (gaps)` : '';
  const partial = summary.partial > 0 ? `; ${summary.partial} cover only the coins with a known cost (dashed)` : '';
  return (
    <>
      <div className="chart-head" data-testid="pnl-time-head">
        <span className="summary-value"><Signed value={last.total} text={money(last.total, quote)} /></span>
        <span className="muted">
          {last.total === null ? 'total unknown at the latest point' : 'in total at the latest point'}: {money(last.realised, quote)} realised {rangeName === 'all' ? 'since the first trade' : `over ${rangeName}`},{' '}
          {money(last.unrealised, quote)} unrealised on the spot holdings{last.unrealisedPartial ? ' (partial)' : ''}
        </span>
      </div>
      <figure
        className="chart-figure" data-testid="pnl-time-figure"
        aria-label={`P&L over ${rangeName}, ${points.length} points. Latest: realised ${money(last.realised, quote)}, unrealised ${money(last.unrealised, quote)}, total ${money(last.total, quote)}${gaps}${partial}.`}
      >
        <PnlTimeChart points={points} quote={quote} domain={domain} />
        <figcaption className="history-legend" data-testid="pnl-time-legend">
          {Object.values(PNL_TIME_LINES).map((l) => (
            <span key={l.label} className="history-legend-item">
              <svg width="22" height="8" aria-hidden="true"><line x1="0" y1="4" x2="22" y2="4" stroke={l.stroke} strokeWidth={l.width} /></svg>
              {l.label}
            </span>
          ))}
          {summary.partial > 0 && (
            <span className="history-legend-item" data-testid="pnl-time-legend-partial">
              <svg width="22" height="8" aria-hidden="true"><line x1="0" y1="4" x2="22" y2="4" stroke="var(--text-muted)" strokeWidth="2" strokeDasharray={PARTIAL_DASH} /></svg>
              Partial: coins without a known cost are left out
            </span>
          )}
          {summary.unknown > 0 && <span className="history-legend-item" data-testid="pnl-time-legend-unknown">Gaps: no known cost ({summary.unknown} {summary.unknown === 1 ? 'point' : 'points'})</span>}
          <span>Realised counts from the range's start through each point's day: spot sales and converts, and the closed P&amp;L of derivative positions. Unrealised is value minus average cost (fees included) of the spot coins held; open derivative positions are not in it.</span>
        </figcaption>
      </figure>
      <PnlTimeTable points={points} quote={quote} />
    </>
  );
}

/** The text alternative of the chart: every point's figures, built only once opened (up to 500 rows). */
function PnlTimeTable({ points, quote }: { points: ReturnType<typeof toPnlTimePoints>; quote: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="pnl-time-table" data-testid="pnl-time-table" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary data-testid="pnl-time-table-toggle">The figures as a table</summary>
      {open && <PnlTimeRows points={points} quote={quote} />}
    </details>
  );
}

function PnlTimeRows({ points, quote }: { points: ReturnType<typeof toPnlTimePoints>; quote: string }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="P&L at each point, newest first">
      <table className="data-table">
        <caption className="visually-hidden">P&amp;L at each point, newest first</caption>
        <thead>
          <tr><th scope="col">Time</th><th scope="col" className="num">Realised</th><th scope="col" className="num">Unrealised</th><th scope="col" className="num">Total</th><th scope="col">Note</th></tr>
        </thead>
        <tbody>
          {[...points].reverse().map((p) => (
            <tr key={p.t} data-testid="pnl-time-row">
              <td>{formatDateTime(new Date(p.t).toISOString())}</td>
              <td className="num">{money(p.realised, quote)}</td>
              <td className="num">{money(p.unrealised, quote)}</td>
              <td className="num">{money(p.total, quote)}</td>
              <td className="muted note">{[p.source === 'backfill' ? 'Reconstructed' : null, costNote(p)].filter(Boolean).join('. ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
