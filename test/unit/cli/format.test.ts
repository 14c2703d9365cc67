import { describe, expect, it } from 'vitest';
import { currencyNote, formatPortfolio, formatStatus } from '../../../electron/cli/format.js';
import type { AppStatus, Portfolio, PortfolioItem } from '../../../shared/domain.js';
import { partialCostNote } from '../../../shared/format/partial-cost.js';
import { countOf } from '../../../shared/format/plural.js';

const item = (over: Partial<PortfolioItem>): PortfolioItem => ({
  exchangeId: 'bybit', account: 'default', asset: 'BTC', quantity: '0.5', currentPrice: '90000', value: '45000',
  avgEntryPrice: null, avgEntryPartial: false, profitLoss: null, profitLossPercentage: null, change24hPct: null, allocationPct: null, wallets: {},
  realisedPnl: null, realisedPnlPartial: false, feesPaid: null, feesPartial: false, ...over,
});

describe('the CLI portfolio table', () => {
  it('uses the dashboard rules: thousands separators, prices by magnitude, quantities by significant digits', () => {
    const p: Portfolio = {
      asOf: '2026-11-21T10:00:00.000Z', quote: 'USDT', rates: {}, totalValue: '1262105.922', walletValue: '1262105.922', unrealisedPnl: '0', unpricedAssets: 1, trading: null,
      items: [
        item({ quantity: '12.5', currentPrice: '90000.123', value: '1125001.54', avgEntryPrice: '48387.25817', profitLoss: '-1234.5', profitLossPercentage: '80.1234' }),
        item({ asset: 'PEPE', quantity: '1074666.12345678', currentPrice: '0.008', value: '8597.33' }),
        item({ asset: 'XYZ', quantity: '3', currentPrice: null, value: null }),
      ],
    };
    const text = formatPortfolio(p);
    expect(text).toContain('90,000.12');
    expect(text).toContain('1,125,001.54');
    expect(text).toContain('48,387.26');
    expect(text).toContain('-1,234.50');
    expect(text).toContain('80.12%');
    expect(text).toContain('1,074,666.1 ');
    expect(text).toContain('0.008000');
    expect(text).toContain('Total: 1,262,105.92 USDT (1 unpriced asset not counted)');
  });
});

describe('the CLI in another display currency', () => {
  const at = '2026-11-21T10:00:00.000Z';
  const p: Portfolio = {
    asOf: at, quote: 'USDT', totalValue: '1085', walletValue: '1000', unrealisedPnl: '85', unpricedAssets: 0,
    trading: { depositCostBasis: 'unknown', realisedPnl: '108.5', realisedPnlPartial: false, feesPaid: '10.85', feesPartial: false },
    rates: { EUR: { symbol: 'EURUSDT', base: 'EUR', quote: 'USDT', price: '1.085', at } },
    items: [item({ quantity: '0.01', currentPrice: '100000', value: '1000', avgEntryPrice: '50000', profitLoss: '500' })],
  };
  it('prints every money figure at the stored rate and names the rate', () => {
    const text = formatPortfolio(p, 'EUR');
    expect(text).toMatch(/^BTC\s+bybit\/default\s+0\.01\s+92,165\.90\s+921\.66\s+46,082\.95\s+460\.83/m);
    expect(text).toContain('Total: 1,000.00 EUR');
    expect(text).toContain('= wallets 921.66 + unrealised P&L of open positions 78.34');
    expect(text).toContain('Realised P&L: 100.00 EUR; fees paid: 10.00 EUR');
    expect(text).toContain('Figures in EUR: 1 EUR = 1.085 USDT (EURUSDT), as of 2026-11-21T10:00:00.000Z.');
  });
  it('without a rate prints USDT and says so; status converts its total the same way', () => {
    const text = formatPortfolio(p, 'USD');
    expect(text).toContain('Total: 1,085.00 USDT');
    expect(text).toContain('No USD rate is stored');
    expect(currencyNote('USDT', null, null)).toBeNull();
    const status: AppStatus = { syncing: false, scheduler: { enabled: true, intervalMinutes: 30, running: true, nextRunAt: null }, accounts: [], totalValue: '1085', asOf: at, rates: {} };
    expect(formatStatus(status, 'EUR', p.rates)).toMatch(/^Total value: 1,000\.00 EUR/);
    expect(formatStatus(status, 'USD', p.rates)).toMatch(/^Total value: 1,085\.00 USDT[\s\S]*No USD rate is stored/);
    expect(formatStatus(status)).toMatch(/^Total value: 1,085\.00 USDT/);
  });
});

describe('countOf', () => {
  it('puts the noun in the right number', () => {
    expect(countOf(1, 'warning')).toBe('1 warning');
    expect(countOf(7, 'coin')).toBe('7 coins');
    expect(countOf(0, 'account')).toBe('0 accounts');
    expect(countOf(2000, 'asset')).toBe('2,000 assets');
    expect(countOf(2, 'entry', 'entries')).toBe('2 entries');
  });
});

describe('the partial-cost footnote, in the window and the CLI', () => {
  const base: Portfolio = {
    asOf: '2026-11-21T10:00:00.000Z', quote: 'USDT', rates: {}, totalValue: '45000', walletValue: '45000', unrealisedPnl: '0', unpricedAssets: 0, trading: null,
    items: [item({ avgEntryPrice: '40000', avgEntryPartial: true })],
  };
  const trading = (depositCostBasis: 'unknown' | 'market') => ({ depositCostBasis, realisedPnl: '0', realisedPnlPartial: false, feesPaid: '0', feesPartial: false });

  it('names both causes, and under the default policy says how to count deposits at market', () => {
    const note = partialCostNote('unknown', 'window');
    expect(note).toMatch(/coins that arrived by deposit or transfer count with no cost \(deposit cost: unknown, the default\)/);
    expect(note).toMatch(/coins the imported history does not explain at all \(bought before the oldest trade the exchange still returns/);
    expect(note).toMatch(/Settings → Cost of deposits/);
    expect(note).not.toMatch(/settings\.json/);
    const cli = partialCostNote('unknown', 'cli');
    expect(cli).toMatch(/set "depositCostBasis": "market" in settings\.json in the data folder/);
    // Before the first sync the policy is not known: the default's wording, which is what applies.
    expect(partialCostNote(null, 'cli')).toBe(cli);
  });

  it('under the market policy deposits have a cost unless their minute had no price; no advice to change it', () => {
    const note = partialCostNote('market', 'window');
    expect(note).toMatch(/deposits count at the market price of their minute \(deposit cost: market\), except one whose minute had no price/);
    expect(note).toMatch(/coins the imported history does not explain at all/);
    expect(note).not.toMatch(/To count deposits/);
    expect(partialCostNote('market', 'cli')).toBe(note);
  });

  it('the CLI prints the note of the policy that produced the figures, only when a figure is partial', () => {
    expect(formatPortfolio({ ...base, trading: trading('unknown') })).toContain(`* ${partialCostNote('unknown', 'cli')}`);
    expect(formatPortfolio({ ...base, trading: trading('market') })).toContain(`* ${partialCostNote('market', 'cli')}`);
    expect(formatPortfolio({ ...base, items: [item({ avgEntryPrice: '40000' })] })).not.toContain('Partial average entry');
  });
});
