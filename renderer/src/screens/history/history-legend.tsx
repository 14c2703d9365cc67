import type { legendOf } from './history-model.js';

/**
 * Says what the lines are: measured by syncs (solid), reconstructed from the trade history
 * (dashed), and how many reconstructed days are estimates. Only what the chart shows.
 */
export function HistoryLegend({ legend }: { legend: ReturnType<typeof legendOf> }) {
  if (!legend.reconstructed) return null;
  return (
    <figcaption className="history-legend" data-testid="history-legend">
      {legend.measured && (
        <span className="history-legend-item" data-testid="history-legend-measured">
          <svg width="22" height="8" aria-hidden="true"><line x1="0" y1="4" x2="22" y2="4" stroke="var(--accent)" strokeWidth="2" /></svg>
          Measured at each sync
        </span>
      )}
      <span className="history-legend-item" data-testid="history-legend-backfill">
        <svg width="22" height="8" aria-hidden="true"><line x1="0" y1="4" x2="22" y2="4" stroke="var(--text-muted)" strokeWidth="2" strokeDasharray="6 4" /></svg>
        Reconstructed from your trades
      </span>
      {legend.estimated > 0 && (
        <span className="history-legend-item" data-testid="history-legend-estimated">
          <svg width="10" height="10" aria-hidden="true"><circle cx="5" cy="5" r="3" fill="none" stroke="var(--warn)" strokeWidth="1.5" /></svg>
          Estimated ({legend.estimated} {legend.estimated === 1 ? 'day' : 'days'}): the history did not explain every balance, so the value is a floor
        </span>
      )}
    </figcaption>
  );
}
