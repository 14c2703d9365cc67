import { memo, useMemo } from 'react';
import { Pie, PieChart, Tooltip } from 'recharts';
import type { PortfolioItem } from '../../../../shared/domain.js';
import { formatMoney, formatPercent } from '../../format/number-format.js';
import { allocationSlices } from './portfolio-model.js';

/** Slice colours come from the stylesheet, so both themes pick their own palette. */
const PALETTE = Array.from({ length: 8 }, (_, i) => `var(--chart-${i + 1})`);

interface Datum {
  asset: string;
  value: string;
  pct: string;
  /** Geometry only: a float is fine for the size of a slice, never for a figure shown. */
  share: number;
  fill: string;
}

/** A donut of the largest holdings and a legend that carries the exact figures (and is what screen readers get). */
export const AllocationChart = memo(function AllocationChart({ items, quote }: { items: readonly PortfolioItem[]; quote: string }) {
  const data: Datum[] = useMemo(
    () => allocationSlices(items).map((s, i) => ({ ...s, share: Number(s.pct), fill: PALETTE[i % PALETTE.length] ?? 'var(--chart-1)' })),
    [items],
  );
  if (data.length === 0) return null;
  return (
    <section className="card allocation" aria-labelledby="allocation-title">
      <h2 id="allocation-title" className="card-title">Allocation</h2>
      <div className="allocation-body">
        <div className="allocation-chart" aria-hidden="true">
          <PieChart width={180} height={180} accessibilityLayer={false}>
            <Pie data={data} dataKey="share" nameKey="asset" innerRadius={52} outerRadius={86} paddingAngle={1} stroke="var(--surface)" isAnimationActive={false} />
            <Tooltip
              formatter={(_v, _n, entry) => {
                const d = entry.payload as Datum;
                return [`${formatPercent(d.pct)} · ${formatMoney(d.value, quote)}`, d.asset];
              }}
              wrapperClassName="chart-tooltip"
            />
          </PieChart>
        </div>
        <ul className="allocation-legend">
          {data.map((d, i) => (
            <li key={d.asset}>
              <span className={`swatch swatch-${(i % PALETTE.length) + 1}`} aria-hidden="true" />
              <span className="legend-asset">{d.asset}</span>
              <span className="legend-pct">{formatPercent(d.pct)}</span>
              <span className="legend-value muted">{formatMoney(d.value, quote)}</span>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
});
