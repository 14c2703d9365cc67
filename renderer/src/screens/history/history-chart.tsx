import { memo, useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMoney } from '../../format/number-format.js';
import { formatDateTime } from '../../format/time-format.js';
import { xAxis, yAxis } from './chart-scale.js';
import { sourceLabel, type ChartPoint } from './history-model.js';

interface Props {
  points: ChartPoint[];
  quote: string;
  /** The time span the x axis covers: the range chosen, not just the data. */
  domain: [number, number];
}

/** The hover card: when, how much, and whether a sync measured it or the trades rebuilt it. */
function PointTooltip({ active, payload, quote }: { active?: boolean; payload?: ReadonlyArray<{ payload?: unknown }>; quote: string }) {
  const p = payload?.[0]?.payload as ChartPoint | undefined;
  if (!active || !p) return null;
  return (
    <div className="chart-tooltip history-tooltip" data-testid="history-tooltip">
      <div className="muted">{formatDateTime(new Date(p.t).toISOString())}</div>
      {p.value === null
        ? <div className="history-tooltip-backfill">No {quote} rate stored for this time: not drawn</div>
        : <div className="strong">{formatMoney(p.value, quote)}</div>}
      <div className={p.source === 'sync' ? 'muted' : 'history-tooltip-backfill'}>{sourceLabel(p)}</div>
    </div>
  );
}

/** An estimated reconstructed day gets a hollow warning dot; other points none. */
function EstimatedDot(props: { cx?: number; cy?: number; payload?: ChartPoint; index?: number }) {
  const { cx, cy, payload, index } = props;
  if (cx === undefined || cy === undefined || !payload?.estimated || payload.source !== 'backfill') return <g key={`e${index}`} />;
  return <circle key={`e${index}`} cx={cx} cy={cy} r={3} fill="var(--surface)" stroke="var(--warn)" strokeWidth={1.5} className="estimated-dot" />;
}

/**
 * Dots on the measured line where a line cannot show the point: every point when there
 * are few or they huddle, else a point with a gap (no rate) on both sides.
 */
function syncDot(points: readonly ChartPoint[], all: boolean) {
  return function SyncDot(props: { cx?: number; cy?: number; index?: number }) {
    const { cx, cy, index = -1 } = props;
    const alone = points[index - 1]?.ySync == null && points[index + 1]?.ySync == null;
    if (cx === undefined || cy === undefined || points[index]?.ySync == null || !(all || alone)) return <g key={`s${index}`} />;
    return <circle key={`s${index}`} cx={cx} cy={cy} r={3} fill="var(--accent)" stroke="var(--accent)" />;
  };
}

/**
 * Net value over time; memoised so the 1-second clock elsewhere never redraws it. The
 * part reconstructed from the trade history is a dashed, paler line; measured syncs solid.
 */
export const HistoryChart = memo(function HistoryChart({ points, quote, domain }: Props) {
  const y = useMemo(() => yAxis(points.flatMap((p) => (p.y === null ? [] : [p.y]))), [points]);
  const x = useMemo(() => xAxis(domain), [domain]);
  // Points squeezed into a sliver of the range (minutes of data under "30 days") get dots, so they read as points.
  const huddled = points.length > 0 && (points[points.length - 1]!.t - points[0]!.t) < (domain[1] - domain[0]) * 0.02;
  const hasBackfill = points.some((p) => p.yBackfill !== null);
  const dot = useMemo(() => syncDot(points, points.length < 3 || huddled), [points, huddled]);
  return (
    <div className="history-plot">
      {/* The axis's unit: the figures are in the display currency, not always USDT. */}
      <span className="chart-unit" data-testid="history-axis-unit" aria-hidden="true">{quote}</span>
      <ResponsiveContainer width="100%" height={320}>
        {/* Room on the right for half of the last date label, centred on the edge. */}
        <AreaChart data={points} margin={{ top: 8, right: 32, bottom: 0, left: 4 }} accessibilityLayer={false}>
          <defs>
            <linearGradient id="history-fill" x1="0" y1="0" x2="0" y2="1">
              <stop offset="0%" stopColor="var(--accent)" stopOpacity={0.28} />
              <stop offset="100%" stopColor="var(--accent)" stopOpacity={0.02} />
            </linearGradient>
            <linearGradient id="history-fill-backfill" x1="0" y1="0" x2="0" y2="1">
              <stop offset="0%" stopColor="var(--text-muted)" stopOpacity={0.16} />
              <stop offset="100%" stopColor="var(--text-muted)" stopOpacity={0.01} />
            </linearGradient>
          </defs>
          <CartesianGrid stroke="var(--grid)" vertical={false} />
          <XAxis
            dataKey="t" type="number" scale="time" domain={domain} allowDataOverflow ticks={x.ticks} tickFormatter={x.format} interval={0}
            stroke="var(--text-muted)" tick={{ fill: 'var(--text-muted)', fontSize: 12 }}
          />
          <YAxis
            type="number" domain={y.domain} ticks={y.ticks} tickFormatter={y.format} interval={0} width={64} allowDataOverflow
            stroke="var(--text-muted)" tick={{ fill: 'var(--text-muted)', fontSize: 12 }} axisLine={false} tickLine={false}
          />
          <Tooltip content={<PointTooltip quote={quote} />} />
          {hasBackfill && (
            <Area
              type="monotone" dataKey="yBackfill" name="Reconstructed" stroke="var(--text-muted)" strokeWidth={2} strokeDasharray="6 4" fill="url(#history-fill-backfill)"
              isAnimationActive={false} connectNulls={false} dot={EstimatedDot} activeDot={{ r: 4 }} className="history-backfill"
            />
          )}
          <Area
            type="monotone" dataKey="ySync" name="Measured" stroke="var(--accent)" strokeWidth={2} fill="url(#history-fill)" isAnimationActive={false}
            connectNulls={false} dot={dot} className="history-sync"
          />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
});
