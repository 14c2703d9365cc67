import type { DisplayCurrency } from '../../../../shared/domain.js';
import { countOf } from '../../../../shared/format/plural.js';
import type { legendOf } from './history-model.js';

interface Props {
  legend: ReturnType<typeof legendOf>;
  /** What the figures are in. */
  currency: DisplayCurrency;
  /** The currency asked for when no point of the range has its rate (figures stay USDT); else null. */
  fallback: DisplayCurrency | null;
}

/**
 * Says what the lines are: measured by syncs (solid), reconstructed from the trade history
 * (dashed), how many reconstructed days are estimates, what currency the figures are in
 * and which points could not be converted. Only what the chart shows.
 */
export function HistoryLegend({ legend, currency, fallback }: Props) {
  return (
    <figcaption className="history-legend" data-testid="history-legend">
      {legend.reconstructed && legend.measured && (
        <span className="history-legend-item" data-testid="history-legend-measured">
          <svg width="22" height="8" aria-hidden="true"><line x1="0" y1="4" x2="22" y2="4" stroke="var(--accent)" strokeWidth="2" /></svg>
          Measured at each sync
        </span>
      )}
      {legend.reconstructed && (
        <span className="history-legend-item" data-testid="history-legend-backfill">
          <svg width="22" height="8" aria-hidden="true"><line x1="0" y1="4" x2="22" y2="4" stroke="var(--text-muted)" strokeWidth="2" strokeDasharray="6 4" /></svg>
          Reconstructed from your trades
        </span>
      )}
      {legend.estimated > 0 && (
        <span className="history-legend-item" data-testid="history-legend-estimated">
          <svg width="10" height="10" aria-hidden="true"><circle cx="5" cy="5" r="3" fill="none" stroke="var(--warn)" strokeWidth="1.5" /></svg>
          Estimated ({countOf(legend.estimated, 'day')}): the history did not explain every balance, so the value is a floor
        </span>
      )}
      <span className="history-legend-item" data-testid="history-legend-currency">
        {fallback
          ? `No ${fallback} rate is stored for this range (the exchange lists no pair for it, or no sync stored one): figures are in USDT.`
          : currency === 'USDT'
            ? 'Figures in USDT, as stored.'
            : `Figures in ${currency}, each point at the exchange's own rate of its time; stored figures stay in USDT.`}
      </span>
      {legend.gaps > 0 && (
        <span className="history-legend-item history-legend-gaps" data-testid="history-legend-gaps">
          {`No ${currency} rate for ${countOf(legend.gaps, 'point')} (no price of the exchange's ${currency} pair is stored for their time): left as gaps, not converted at a guess.`}
        </span>
      )}
    </figcaption>
  );
}
