import { memo, useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMoney } from '../../format/number-format.js';
import { formatDateTime } from '../../format/time-format.js';
import { xAxis, yAxis } from './chart-scale.js';
import type { ChartPoint } from './history-model.js';

interface Props {
  points: ChartPoint[];
  quote: string;
  /** The time span the x axis covers: the range chosen, not just the data. */
  domain: [number, number];
}

/** Net value over time; memoised so the 1-second clock elsewhere never redraws it. */
export const HistoryChart = memo(function HistoryChart({ points, quote, domain }: Props) {
  const y = useMemo(() => yAxis(points.map((p) => p.y)), [points]);
  const x = useMemo(() => xAxis(domain), [domain]);
  // Points squeezed into a sliver of the range (minutes of data under "30 days") get dots, so they read as points.
  const huddled = points.length > 0 && (points[points.length - 1]!.t - points[0]!.t) < (domain[1] - domain[0]) * 0.02;
  return (
    <ResponsiveContainer width="100%" height={320}>
      <AreaChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 4 }} accessibilityLayer={false}>
        <defs>
          <linearGradient id="history-fill" x1="0" y1="0" x2="0" y2="1">
            <stop offset="0%" stopColor="var(--accent)" stopOpacity={0.28} />
            <stop offset="100%" stopColor="var(--accent)" stopOpacity={0.02} />
          </linearGradient>
        </defs>
        <CartesianGrid stroke="var(--grid)" vertical={false} />
        <XAxis
          dataKey="t" type="number" scale="time" domain={domain} allowDataOverflow ticks={x.ticks} tickFormatter={x.format} interval={0}
          stroke="var(--text-muted)" tick={{ fill: 'var(--text-muted)', fontSize: 12 }}
        />
        <YAxis
          dataKey="y" type="number" domain={y.domain} ticks={y.ticks} tickFormatter={y.format} interval={0} width={64} allowDataOverflow
          stroke="var(--text-muted)" tick={{ fill: 'var(--text-muted)', fontSize: 12 }} axisLine={false} tickLine={false}
        />
        <Tooltip
          labelFormatter={(_label, payload) => {
            const p = payload[0]?.payload as ChartPoint | undefined;
            return p ? formatDateTime(new Date(p.t).toISOString()) : '';
          }}
          formatter={(_v, _n, entry) => [formatMoney((entry.payload as ChartPoint).value, quote), 'Net value']}
          separator=": "
          wrapperClassName="chart-tooltip"
        />
        <Area type="monotone" dataKey="y" stroke="var(--accent)" strokeWidth={2} fill="url(#history-fill)" isAnimationActive={false} dot={points.length < 3 || huddled} />
      </AreaChart>
    </ResponsiveContainer>
  );
});
