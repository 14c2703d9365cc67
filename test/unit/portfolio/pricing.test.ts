import { describe, expect, it } from 'vitest';
import { dec, decOrNull } from '../../../electron/core/portfolio/decimal.js';
import { resolveUsdtPrices, type TickerQuote } from '../../../electron/core/portfolio/pricing.js';

function t(symbol: string, last: string | null, change: string | null = null): TickerQuote {
  const [base, quote] = symbol.split('/') as [string, string];
  return { symbol, base, quote, last: decOrNull(last), change24hPct: decOrNull(change) };
}

function priced(tickers: TickerQuote[], assets: string[]): Record<string, [string, string | null, string] | undefined> {
  const prices = resolveUsdtPrices(tickers, assets);
  return Object.fromEntries(
    assets.map((a) => {
      const p = prices.get(a);
      return [a, p && ([p.price.toString(), p.change24hPct?.toString() ?? null, p.sourceSymbol] as [string, string | null, string])];
    }),
  );
}

describe('resolveUsdtPrices', () => {
  it.each([
    { name: 'the unit', tickers: [], asset: 'USDT', want: ['1', '0', 'USDT'] },
    { name: 'direct USDT pair', tickers: [t('BTC/USDT', '90000', '2.5')], asset: 'BTC', want: ['90000', '2.5', 'BTC/USDT'] },
    {
      name: 'direct pair preferred over a cross',
      tickers: [t('ETH/BTC', '0.05', '1'), t('BTC/USDT', '60000', '1'), t('ETH/USDT', '3001', '3')],
      asset: 'ETH',
      want: ['3001', '3', 'ETH/USDT'],
    },
    {
      name: 'via USDC × USDC/USDT, changes compounded',
      tickers: [t('ARB/USDC', '2', '10'), t('USDC/USDT', '0.999', '-0.1')],
      asset: 'ARB',
      want: ['1.998', '9.89', 'ARB/USDC'],
    },
    { name: 'via USDC at par when USDC has no ticker', tickers: [t('ARB/USDC', '2', '10')], asset: 'ARB', want: ['2', '10', 'ARB/USDC'] },
    {
      name: 'via BTC × BTC/USDT',
      tickers: [t('ETH/BTC', '0.05', '2'), t('BTC/USDT', '60000', '-1')],
      asset: 'ETH',
      want: ['3000', '0.98', 'ETH/BTC'],
    },
    {
      name: 'via BTC with an unknown change: price kept, change null',
      tickers: [t('ETH/BTC', '0.05', null), t('BTC/USDT', '60000', '-1')],
      asset: 'ETH',
      want: ['3000', null, 'ETH/BTC'],
    },
    {
      name: 'via ETH when the BTC cross cannot be priced',
      tickers: [t('XYZ/BTC', '0.001'), t('XYZ/ETH', '0.01'), t('ETH/USDT', '3000')],
      asset: 'XYZ',
      want: ['30', null, 'XYZ/ETH'],
    },
    { name: 'cash without a ticker at par', tickers: [], asset: 'FDUSD', want: ['1', null, 'par'] },
    { name: 'cash with its own ticker', tickers: [t('USDC/USDT', '0.9998', '0.01')], asset: 'USDC', want: ['0.9998', '0.01', 'USDC/USDT'] },
    { name: 'inverse USDT/X pair', tickers: [t('USDT/EUR', '0.8', '25')], asset: 'EUR', want: ['1.25', '-20', 'USDT/EUR'] },
    { name: 'a null last is ignored', tickers: [t('BTC/USDT', null), t('BTC/USDC', '90000')], asset: 'BTC', want: ['90000', null, 'BTC/USDC'] },
    { name: 'a zero last is ignored', tickers: [t('BTC/USDT', '0'), t('BTC/USDC', '90000')], asset: 'BTC', want: ['90000', null, 'BTC/USDC'] },
    {
      name: 'via BTC whose change is unknown: price kept, change null',
      tickers: [t('ETH/BTC', '0.05', '2'), t('BTC/USDT', '60000', null)],
      asset: 'ETH',
      want: ['3000', null, 'ETH/BTC'],
    },
    { name: 'inverse pair with an unknown change', tickers: [t('USDT/EUR', '0.8')], asset: 'EUR', want: ['1.25', null, 'USDT/EUR'] },
    { name: 'inverse pair whose change ate it all: change unknown', tickers: [t('USDT/EUR', '0.8', '-100')], asset: 'EUR', want: ['1.25', null, 'USDT/EUR'] },
    {
      name: 'via another quote when no preferred one can be priced',
      tickers: [t('XYZ/SOL', '2', '1'), t('SOL/USDT', '150', '0')],
      asset: 'XYZ',
      want: ['300', '1', 'XYZ/SOL'],
    },
    {
      name: 'other quotes are tried alphabetically',
      tickers: [t('XYZ/SOL', '2'), t('XYZ/DOT', '50'), t('SOL/USDT', '150'), t('DOT/USDT', '7')],
      asset: 'XYZ',
      want: ['350', null, 'XYZ/DOT'],
    },
    {
      name: 'a cash quote comes before BTC',
      tickers: [t('XYZ/BTC', '0.001'), t('XYZ/USDC', '61'), t('BTC/USDT', '60000')],
      asset: 'XYZ',
      want: ['61', null, 'XYZ/USDC'],
    },
    {
      name: 'BTC comes before ETH and before other quotes',
      tickers: [t('XYZ/ABC', '1'), t('XYZ/ETH', '0.02'), t('XYZ/BTC', '0.001'), t('ABC/USDT', '55'), t('ETH/USDT', '3000'), t('BTC/USDT', '60000')],
      asset: 'XYZ',
      want: ['60', null, 'XYZ/BTC'],
    },
    {
      name: 'ETH comes before other quotes',
      tickers: [t('XYZ/ABC', '1'), t('XYZ/ETH', '0.02'), t('ABC/USDT', '55'), t('ETH/USDT', '3000')],
      asset: 'XYZ',
      want: ['60', null, 'XYZ/ETH'],
    },
    {
      name: 'a repeated pair keeps its first usable ticker',
      tickers: [t('BTC/USDT', '0'), t('BTC/USDT', '90000', '1'), t('BTC/USDT', '91000', '2')],
      asset: 'BTC',
      want: ['90000', '1', 'BTC/USDT'],
    },
    { name: 'dust price kept exactly', tickers: [t('PEPE/USDT', '0.00000001')], asset: 'PEPE', want: ['0.00000001', null, 'PEPE/USDT'] },
  ])('$name', ({ tickers, asset, want }) => {
    expect(priced(tickers, [asset])[asset]).toEqual(want);
  });

  it('leaves unpriceable assets out of the map (never 0)', () => {
    const prices = resolveUsdtPrices([t('FOO/BAR', '3'), t('BAZ/USDT', '0'), t('QUX/USDT', null)], ['FOO', 'BAZ', 'QUX', 'NOPE']);
    expect(prices.size).toBe(0);
  });

  it('prices only the requested assets', () => {
    const prices = resolveUsdtPrices([t('BTC/USDT', '1'), t('ETH/USDT', '2')], ['ETH']);
    expect([...prices.keys()]).toEqual(['ETH']);
    expect(prices.get('ETH')?.price.eq(dec('2'))).toBe(true);
  });
});
