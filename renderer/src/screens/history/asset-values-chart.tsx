import { memo, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type RefObject } from 'react';
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { formatMoney } from '../../format/number-format.js';
import { formatDateTime } from '../../format/time-format.js';
import { nearestIndex, type AssetChartPoint, type AssetSeries } from './asset-values-model.js';
import { xAxis, yAxis } from './chart-scale.js';

const HEIGHT = 260;
const M = { top: 10, right: 32, bottom: 24, left: 64 };

/** A series' colour from the stylesheet, so both themes pick their own palette. */
export const seriesColour = (s: Pick<AssetSeries, 'swatch'>) => (s.swatch === 'other' ? 'var(--chart-other)' : `var(--chart-${s.swatch})`);

/** The width its box gets (the chart redraws to fit, as the window is resized). */
function useWidth(): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry?.contentRect.width ?? 0)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

interface Props {
  series: AssetSeries[];
  points: AssetChartPoint[];
  currency: string;
  /** The time span the x axis covers: the range chosen, not just the data. */
  domain: [number, number];
}

/**
 * One line per asset (and "Other") over time, plain SVG with d3-scale and d3-shape,
 * round ticks as the net-value chart has. Hovering, or the arrow keys once the plot has
 * the focus, shows every line's figure at that time; gaps (no rate, unpriced) stay gaps.
 */
export const AssetValuesChart = memo(function AssetValuesChart({ series, points, currency, domain }: Props) {
  const [box, width] = useWidth();
  const [active, setActive] = useState<number | null>(null);
  const y = useMemo(() => yAxis(points.flatMap((p) => series.flatMap((s) => (p.ys[s.key] == null ? [] : [p.ys[s.key]!]))).concat(0)), [points, series]);
  const x = useMemo(() => xAxis(domain), [domain]);
  const inner = Math.max(0, width - M.left - M.right);
  const sx = useMemo(() => scaleLinear().domain(domain).range([M.left, M.left + inner]), [domain, inner]);
  const sy = useMemo(() => scaleLinear().domain(y.domain).range([HEIGHT - M.bottom, M.top]), [y.domain]);
  // Points squeezed into a sliver of the range (minutes of data under "30 days") all get dots, so they read as points.
  const huddled = points.length > 0 && points[points.length - 1]!.t - points[0]!.t < (domain[1] - domain[0]) * 0.02;
  const paths = useMemo(() => series.map((s) => {
    const path = line<AssetChartPoint>().defined((p) => p.ys[s.key] != null).x((p) => sx(p.t)).y((p) => sy(p.ys[s.key] ?? 0));
    // A known point with a gap (or the edge) on both sides has no segment: it gets a dot.
    const lone = points.filter((p, i) => p.ys[s.key] != null && (huddled || (points[i - 1]?.ys[s.key] == null && points[i + 1]?.ys[s.key] == null)));
    return { s, d: path(points) ?? '', lone };
  }), [series, points, sx, sy, huddled]);

  const pick = (e: MouseEvent<SVGRectElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    setActive(nearestIndex(points, sx.invert(e.clientX - rect.left + M.left)));
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const last = points.length - 1;
    const next = { ArrowLeft: (active ?? last + 1) - 1, ArrowRight: (active ?? -1) + 1, Home: 0, End: last }[e.key];
    if (next !== undefined) {
      e.preventDefault();
      setActive(Math.min(last, Math.max(0, next)));
    } else if (e.key === 'Escape') setActive(null);
  };
  const at = active === null ? undefined : points[active];
  return (
    <div ref={box} className="asset-plot" tabIndex={0} role="group" onKeyDown={onKey} onBlur={() => setActive(null)} data-testid="asset-values-plot"
      aria-label={`Value by asset in ${currency}: left and right arrow keys read each point; the table below lists every line`}>
      <span className="chart-unit" aria-hidden="true">{currency}</span>
      {width > 0 && (
        <svg width={width} height={HEIGHT} aria-hidden="true" className="asset-svg">
          {y.ticks.map((t) => (
            <g key={`y${t}`}>
              <line x1={M.left} x2={M.left + inner} y1={sy(t)} y2={sy(t)} stroke="var(--grid)" />
              <text x={M.left - 8} y={sy(t)} dy="0.32em" textAnchor="end" className="asset-tick">{y.format(t)}</text>
            </g>
          ))}
          {x.ticks.map((t) => <text key={`x${t}`} x={sx(t)} y={HEIGHT - 6} textAnchor="middle" className="asset-tick">{x.format(t)}</text>)}
          {paths.map(({ s, d, lone }) => (
            <g key={s.key} className="asset-line" data-series={s.key}>
              <path d={d} fill="none" stroke={seriesColour(s)} strokeWidth={s.swatch === 'other' ? 1.5 : 2} strokeDasharray={s.swatch === 'other' ? '4 3' : undefined} />
              {lone.map((p) => <circle key={p.t} cx={sx(p.t)} cy={sy(p.ys[s.key]!)} r={3} fill={seriesColour(s)} />)}
            </g>
          ))}
          {at && (
            <g className="asset-hover">
              <line x1={sx(at.t)} x2={sx(at.t)} y1={M.top} y2={HEIGHT - M.bottom} stroke="var(--text-muted)" strokeDasharray="2 3" />
              {series.map((s) => (at.ys[s.key] == null ? null : <circle key={s.key} cx={sx(at.t)} cy={sy(at.ys[s.key]!)} r={3.5} fill="var(--surface)" stroke={seriesColour(s)} strokeWidth={2} />))}
            </g>
          )}
          <rect x={M.left} y={M.top} width={inner} height={HEIGHT - M.top - M.bottom} fill="transparent" onMouseMove={pick} onMouseLeave={() => setActive(null)} />
        </svg>
      )}
      <div className="chart-tooltip history-tooltip asset-tooltip" role="status" data-testid="asset-values-tooltip" hidden={!at}
        style={at ? { left: sx(at.t) > M.left + inner / 2 ? undefined : sx(at.t) + 12, right: sx(at.t) > M.left + inner / 2 ? width - sx(at.t) + 12 : undefined } : undefined}>
        {at && (
          <>
            <div className="muted">{formatDateTime(new Date(at.t).toISOString())}</div>
            {at.noRate && <div className="history-tooltip-backfill">No {currency} rate stored for this time: not drawn</div>}
            {!at.noRate && series.map((s) => (
              <div key={s.key} className="asset-tooltip-row">
                <span className="asset-key" style={{ background: seriesColour(s) }} aria-hidden="true" />
                <span>{s.key}</span>
                <span className="num">{at.values[s.key] == null ? 'no price' : formatMoney(at.values[s.key]!, currency)}</span>
              </div>
            ))}
          </>
        )}
      </div>
    </div>
  );
});
