import { memo, useMemo } from 'react';
import { Bar, CartesianGrid, Cell, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMoney } from '../../format/number-format.js';
import { xAxis, yAxis } from './chart-scale.js';
import type { PnlPoint } from './pnl-model.js';

interface Props {
  points: PnlPoint[];
  quote: string;
  domain: [number, number];
}

function PnlTooltip({ active, payload, quote }: { active?: boolean; payload?: ReadonlyArray<{ payload?: unknown }>; quote: string }) {
  const p = payload?.[0]?.payload as PnlPoint | undefined;
  if (!active || !p) return null;
  return (
    <div className="chart-tooltip history-tooltip" data-testid="pnl-tooltip">
      <div className="muted">{p.day}</div>
      <div>That day: <strong>{formatMoney(p.realised, quote, undefined, true)}</strong></div>
      <div className="muted" data-testid="pnl-tooltip-parts">
        Spot {formatMoney(p.spot, quote, undefined, true)} · derivatives {formatMoney(p.derivatives, quote, undefined, true)} · funding {formatMoney(p.funding, quote, undefined, true)} (in the closed P&amp;L once its position closes)
      </div>
      <div>Running total: <strong>{formatMoney(p.cumulative, quote, undefined, true)}</strong></div>
      <div className="muted">Fees that day: {formatMoney(p.fees, quote)}</div>
      {p.partial && <div className="history-tooltip-backfill">Partial: some figure is unknown (a price that could not be had), so this sums the known ones</div>}
    </div>
  );
}

/** Realised P&L per day (bars, green or red: spot and derivatives together) and its running total over the range (line). */
export const PnlChart = memo(function PnlChart({ points, quote, domain }: Props) {
  const y = useMemo(() => yAxis([0, ...points.map((p) => p.y), ...points.map((p) => p.bar)]), [points]);
  const x = useMemo(() => xAxis(domain), [domain]);
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
        <Tooltip content={<PnlTooltip quote={quote} />} />
        <Bar dataKey="bar" name="That day" isAnimationActive={false} maxBarSize={10} className="pnl-bars">
          {points.map((p) => <Cell key={p.day} fill={p.bar < 0 ? 'var(--neg)' : 'var(--pos)'} fillOpacity={0.55} />)}
        </Bar>
        <Line type="stepAfter" dataKey="y" name="Running total" stroke="var(--accent)" strokeWidth={2} dot={points.length < 3} isAnimationActive={false} className="pnl-line" />
      </ComposedChart>
    </ResponsiveContainer>
  );
});
