import { memo, useMemo } from 'react';
import { CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMoney, UNKNOWN } from '../../format/number-format.js';
import { formatDateTime } from '../../format/time-format.js';
import { xAxis, yAxis } from './chart-scale.js';
import { costNote, type PnlTimePoint } from './pnl-time-model.js';

interface Props {
  points: PnlTimePoint[];
  quote: string;
  domain: [number, number];
}

/** The three lines' looks, shared with the legend so both always agree. */
export const PNL_TIME_LINES = {
  total: { label: 'Total', stroke: 'var(--accent)', width: 3 },
  realised: { label: 'Realised', stroke: 'var(--chart-2)', width: 2 },
  unrealised: { label: 'Unrealised (holdings)', stroke: 'var(--chart-4)', width: 2 },
} as const;

/** Dashes of a line's partial stretches. */
export const PARTIAL_DASH = '6 4';

function TimeTooltip({ active, payload, quote }: { active?: boolean; payload?: ReadonlyArray<{ payload?: unknown }>; quote: string }) {
  const p = payload?.[0]?.payload as PnlTimePoint | undefined;
  if (!active || !p) return null;
  const note = costNote(p);
  const money = (v: string | null) => (v === null ? UNKNOWN : formatMoney(v, quote, undefined, true));
  return (
    <div className="chart-tooltip history-tooltip" data-testid="pnl-time-tooltip">
      <div className="muted">{formatDateTime(new Date(p.t).toISOString())}{p.source === 'backfill' ? ' (reconstructed)' : ''}</div>
      <div>Total: <strong>{money(p.total)}</strong></div>
      <div>Realised: {money(p.realised)}{p.realisedPartial ? ' (partial)' : ''}</div>
      <div>Unrealised: {money(p.unrealised)}</div>
      {note && <div className="history-tooltip-backfill">{note}</div>}
    </div>
  );
}

/**
 * P&L over time: realised since the range's start, the unrealised P&L of the spot holdings
 * at each point, and their sum. Unknown points are gaps; partial stretches are dashed.
 */
export const PnlTimeChart = memo(function PnlTimeChart({ points, quote, domain }: Props) {
  const y = useMemo(() => yAxis([0, ...points.flatMap((p) => [p.yRealised, p.yUnrealised ?? p.yUnrealisedPartial, p.yTotal ?? p.yTotalPartial].filter((v): v is number => v !== null))]), [points]);
  const x = useMemo(() => xAxis(domain), [domain]);
  const dot = points.length < 3;
  const { total, realised, unrealised } = PNL_TIME_LINES;
  const line = { type: 'linear' as const, isAnimationActive: false, connectNulls: false, dot };
  return (
    <ResponsiveContainer width="100%" height={320}>
      <ComposedChart data={points} margin={{ top: 8, right: 28, bottom: 0, left: 4 }} accessibilityLayer={false}>
        <CartesianGrid stroke="var(--grid)" vertical={false} />
        <XAxis
          dataKey="t" type="number" scale="time" domain={domain} allowDataOverflow ticks={x.ticks} tickFormatter={x.format} interval={0}
          stroke="var(--text-muted)" tick={{ fill: 'var(--text-muted)', fontSize: 12 }}
        />
        <YAxis
          type="number" domain={y.domain} ticks={y.ticks} tickFormatter={y.format} interval={0} width={64} allowDataOverflow
          stroke="var(--text-muted)" tick={{ fill: 'var(--text-muted)', fontSize: 12 }} axisLine={false} tickLine={false}
        />
        <Tooltip content={<TimeTooltip quote={quote} />} />
        <Line {...line} type="stepAfter" dataKey="yRealised" name={realised.label} stroke={realised.stroke} strokeWidth={realised.width} className="pnl-time-realised" />
        <Line {...line} dataKey="yUnrealised" name={unrealised.label} stroke={unrealised.stroke} strokeWidth={unrealised.width} className="pnl-time-unrealised" />
        <Line {...line} dataKey="yUnrealisedPartial" name={`${unrealised.label}, partial`} stroke={unrealised.stroke} strokeWidth={unrealised.width} strokeDasharray={PARTIAL_DASH} className="pnl-time-unrealised-partial" />
        <Line {...line} dataKey="yTotal" name={total.label} stroke={total.stroke} strokeWidth={total.width} className="pnl-time-total" />
        <Line {...line} dataKey="yTotalPartial" name={`${total.label}, partial`} stroke={total.stroke} strokeWidth={total.width} strokeDasharray={PARTIAL_DASH} className="pnl-time-total-partial" />
      </ComposedChart>
    </ResponsiveContainer>
  );
});
