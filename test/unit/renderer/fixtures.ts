import type { PortfolioItem } from '../../../shared/domain.js';

/** A portfolio row with sensible defaults; decimals as strings like the API sends them. */
export function item(over: Partial<PortfolioItem> & Pick<PortfolioItem, 'asset'>): PortfolioItem {
  return {
    exchangeId: 'bybit', account: 'default', quantity: '1', currentPrice: '1', value: '1', avgEntryPrice: null, avgEntryPartial: false,
    profitLoss: null, profitLossPercentage: null, change24hPct: null, allocationPct: null,
    realisedPnl: null, realisedPnlPartial: false, feesPaid: null, feesPartial: false, wallets: { UNIFIED: over.quantity ?? '1' },
    ...over,
  };
}
