import { memo, useMemo } from 'react';
import type { Portfolio } from '../../../../shared/domain.js';
import { Signed } from '../../components/signed.js';
import { signOf } from '../../format/decimal.js';
import { formatCount, formatMoney } from '../../format/number-format.js';
import { valueByWallet } from './portfolio-groups.js';

/**
 * Where the money sits: each wallet's value (Unified trading, Funding, Earn flexible,
 * Earn on-chain…) and the open positions' unrealised P&L, which together make the total.
 */
export const WalletValues = memo(function WalletValues({ portfolio }: { portfolio: Portfolio }) {
  const { wallets, unpriced } = useMemo(() => valueByWallet(portfolio.items), [portfolio.items]);
  if (wallets.length === 0) return null;
  const upnl = signOf(portfolio.unrealisedPnl);
  return (
    <section className="card wallet-values" aria-labelledby="wallets-title">
      <h2 id="wallets-title" className="card-title">By wallet</h2>
      <ul className="wallet-list" data-testid="wallet-values">
        {wallets.map((w) => (
          <li key={w.wallet} data-testid={`wallet-${w.wallet}`}>
            <span className="legend-asset">{w.name}</span>
            <span className="legend-value">{formatMoney(w.value, portfolio.quote)}</span>
          </li>
        ))}
        {upnl !== 0 && upnl !== null && (
          <li data-testid="wallet-positions">
            <span className="legend-asset">Open positions (unrealised P&amp;L)</span>
            <span className="legend-value"><Signed value={portfolio.unrealisedPnl} text={formatMoney(portfolio.unrealisedPnl, portfolio.quote, undefined, true)} /></span>
          </li>
        )}
      </ul>
      {unpriced > 0 && <p className="footnote">{formatCount(unpriced)} unpriced {unpriced === 1 ? 'holding is' : 'holdings are'} not in these sums.</p>}
    </section>
  );
});
