import { memo, useMemo } from 'react';
import { arc, pie } from 'd3-shape';
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
          <Donut data={data} quote={quote} />
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

const SIZE = 180;
const slicePath = arc<{ startAngle: number; endAngle: number; padAngle: number }>().innerRadius(52).outerRadius(86);
const layout = pie<Datum>().value((d) => d.share).sort(null).padAngle(0.012);

/**
 * The donut as plain SVG paths (d3-shape does the arc geometry): the portfolio screen
 * opens without the charting library, which loads with the History screen. Each slice
 * names itself on hover; the legend beside it carries the figures for everyone.
 */
function Donut({ data, quote }: { data: Datum[]; quote: string }) {
  const arcs = useMemo(() => layout(data), [data]);
  return (
    <svg width={SIZE} height={SIZE} viewBox={`${-SIZE / 2} ${-SIZE / 2} ${SIZE} ${SIZE}`} className="donut" data-testid="allocation-donut">
      {arcs.map((a) => (
        <path key={a.data.asset} d={slicePath(a) ?? ''} style={{ fill: a.data.fill, stroke: 'var(--surface)', strokeWidth: 1 }}>
          <title>{`${a.data.asset}: ${formatPercent(a.data.pct)} · ${formatMoney(a.data.value, quote)}`}</title>
        </path>
      ))}
    </svg>
  );
}
