import { memo, useMemo } from 'react';
import type { Portfolio } from '../../../../shared/domain.js';
import { LiveAge } from '../../components/live-time.js';
import { Signed } from '../../components/signed.js';
import { signOf } from '../../format/decimal.js';
import { formatCount, formatMoney, formatPercent } from '../../format/number-format.js';
import { change24h } from './portfolio-model.js';

/** The headline figures: total value, 24 h change, how old the data is, what is unpriced. */
export const PortfolioSummary = memo(function PortfolioSummary({ portfolio, staleAfter }: { portfolio: Portfolio; staleAfter?: number | undefined }) {
  const change = useMemo(() => change24h(portfolio.items), [portfolio.items]);
  const partialChange = change.covered > 0 && change.covered < change.priced;
  return (
    <div className="summary">
      <div className="summary-item summary-total">
        <span className="summary-label">Total value</span>
        <span className="summary-value" data-testid="total-value">{formatMoney(portfolio.totalValue, portfolio.quote)}</span>
        {signOf(portfolio.unrealisedPnl) !== 0 && (
          <span className="summary-note" data-testid="total-split">
            Wallets {formatMoney(portfolio.walletValue, portfolio.quote)} + unrealised P&amp;L of open positions {formatMoney(portfolio.unrealisedPnl, portfolio.quote, undefined, true)}
          </span>
        )}
      </div>
      <div className="summary-item">
        <span className="summary-label">24 h change</span>
        <span className="summary-value" data-testid="change-24h">
          {change.change === null ? (
            <span className="muted">—</span>
          ) : (
            <Signed value={change.change} text={`${formatMoney(change.change, portfolio.quote, undefined, true)} (${formatPercent(change.pct, undefined, { signed: true })})`} />
          )}
        </span>
        <span className="summary-note">
          {change.change === null ? 'No 24 h prices yet' : partialChange ? `Price move of ${formatCount(change.covered)} of ${formatCount(change.priced)} holdings` : 'Price move of current holdings'}
        </span>
      </div>
      <div className="summary-item">
        <span className="summary-label">Data</span>
        <span className="summary-value summary-age" data-testid="data-age">
          {portfolio.asOf ? <LiveAge iso={portfolio.asOf} prefix="updated " staleAfter={staleAfter} /> : 'never synced'}
        </span>
        {portfolio.unpricedAssets > 0 && (
          <span className="summary-note" data-testid="unpriced-note">
            {formatCount(portfolio.unpricedAssets)} unpriced {portfolio.unpricedAssets === 1 ? 'asset is' : 'assets are'} not in the total
          </span>
        )}
      </div>
    </div>
  );
});
