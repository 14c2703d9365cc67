import { memo, useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCompact, formatMoney } from '../../format/number-format.js';
import { formatDateTime, timeAxis } from '../../format/time-format.js';
import type { ChartPoint } from './history-model.js';

/** Net value over time; memoised so the 1-second clock elsewhere never redraws it. */
export const HistoryChart = memo(function HistoryChart({ points, quote }: { points: ChartPoint[]; quote: string }) {
  const domain = useMemo((): [number, number] => {
    const ys = points.map((p) => p.y);
    const min = Math.min(...ys);
    const max = Math.max(...ys);
    // A little air above and below; a flat line gets a band around it rather than none.
    const pad = max === min ? Math.max(1, Math.abs(max) * 0.01) : (max - min) * 0.08;
    return [min - pad, max + pad];
  }, [points]);
  const axis = useMemo(() => timeAxis(points[0]?.t ?? 0, points[points.length - 1]?.t ?? 0), [points]);
  return (
    <ResponsiveContainer width="100%" height={320}>
      <AreaChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: 4 }} accessibilityLayer={false}>
        <defs>
          <linearGradient id="history-fill" x1="0" y1="0" x2="0" y2="1">
            <stop offset="0%" stopColor="var(--accent)" stopOpacity={0.28} />
            <stop offset="100%" stopColor="var(--accent)" stopOpacity={0.02} />
          </linearGradient>
        </defs>
        <CartesianGrid stroke="var(--grid)" vertical={false} />
        <XAxis
          dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} ticks={axis.ticks} tickFormatter={axis.format}
          stroke="var(--text-muted)" tick={{ fill: 'var(--text-muted)', fontSize: 12 }} minTickGap={40}
        />
        <YAxis
          dataKey="y" domain={domain} tickFormatter={(v: number) => formatCompact(v)} width={56}
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
        <Area type="monotone" dataKey="y" stroke="var(--accent)" strokeWidth={2} fill="url(#history-fill)" isAnimationActive={false} dot={points.length < 3} />
      </AreaChart>
    </ResponsiveContainer>
  );
});
