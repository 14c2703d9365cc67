import { memo, useId, useMemo, useState } from 'react';
import { arc, pie } from 'd3-shape';
import type { PortfolioItem } from '../../../../shared/domain.js';
import { formatCount, formatMoney, formatPercent } from '../../format/number-format.js';
import { allocationBreakdown, type AllocationSlice } from './portfolio-model.js';

/** Slice colours come from the stylesheet, so both themes pick their own palette. */
const PALETTE = Array.from({ length: 8 }, (_, i) => `var(--chart-${i + 1})`);
/** Named slices: eight colours, then "Other". */
const MAX_SLICES = 9;

interface Datum {
  asset: string;
  value: string;
  pct: string;
  /** Geometry only: a float is fine for the size of a slice, never for a figure shown. */
  share: number;
  fill: string;
}

/**
 * A donut of the largest holdings and a legend that carries the exact figures (and is
 * what screen readers get). "Other" is a list the user can open, each asset with its
 * share and value, rather than one anonymous slice.
 */
export const AllocationChart = memo(function AllocationChart({ items, quote }: { items: readonly PortfolioItem[]; quote: string }) {
  const { slices, other } = useMemo(() => allocationBreakdown(items, MAX_SLICES), [items]);
  const data: Datum[] = useMemo(
    () => slices.map((s, i) => ({ ...s, share: Number(s.pct), fill: i < PALETTE.length ? PALETTE[i]! : 'var(--chart-other)' })),
    [slices],
  );
  const [open, setOpen] = useState(false);
  const listId = useId();
  if (data.length === 0) return null;
  const named = other.length > 0 ? data.slice(0, -1) : data;
  const rest = other.length > 0 ? data[data.length - 1] : undefined;
  return (
    <section className="card allocation" aria-labelledby="allocation-title">
      <h2 id="allocation-title" className="card-title">Allocation</h2>
      <div className="allocation-body">
        <div className="allocation-chart" aria-hidden="true">
          <Donut data={data} quote={quote} />
        </div>
        <ul className="allocation-legend" aria-label="Allocation by asset" data-testid="allocation-legend">
          {named.map((d, i) => <LegendRow key={d.asset} slice={d} swatch={i + 1} quote={quote} />)}
          {rest && (
            <li className="legend-other">
              <button type="button" className="link-button legend-toggle" aria-expanded={open} aria-controls={listId} onClick={() => setOpen((o) => !o)} data-testid="allocation-other">
                <span className="swatch swatch-other" aria-hidden="true" />
                <span className="legend-asset">Other {formatCount(other.length)} assets</span>
                <span className="legend-pct">{formatPercent(rest.pct)}</span>
                <span className="legend-value muted">{formatMoney(rest.value, quote)}</span>
              </button>
              {open && (
                // Focusable: a long list scrolls inside the card, and the keyboard must scroll it too.
                <ul id={listId} className="allocation-other-list" data-testid="allocation-other-list" tabIndex={0} aria-label={`The other ${other.length} assets`}>
                  {other.map((s) => <LegendRow key={s.asset} slice={s} swatch={null} quote={quote} />)}
                </ul>
              )}
            </li>
          )}
        </ul>
      </div>
    </section>
  );
});

function LegendRow({ slice, swatch, quote }: { slice: AllocationSlice; swatch: number | null; quote: string }) {
  return (
    <li>
      {swatch !== null && <span className={`swatch swatch-${swatch}`} aria-hidden="true" />}
      <span className="legend-asset">{slice.asset}</span>
      <span className="legend-pct">{formatPercent(slice.pct)}</span>
      <span className="legend-value muted">{formatMoney(slice.value, quote)}</span>
    </li>
  );
}

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
