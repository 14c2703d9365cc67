import { describe, expect, it } from 'vitest';
import { buildRows, investedOf, matchesQuery, mergeByAsset, subtotalOf, valueByWallet, type TableRow } from '../../../renderer/src/screens/portfolio/portfolio-groups.js';
import { allocationBreakdown, DEFAULT_SORT } from '../../../renderer/src/screens/portfolio/portfolio-model.js';
import { Dec } from '../../../shared/format/decimal.js';
import { sortWallets, walletName } from '../../../shared/format/wallet-names.js';
import { item } from './fixtures.js';

const assetsOf = (rows: TableRow[]) => rows.map((r) => (r.kind === 'group' ? `[${r.label}]` : r.row.item.asset));

describe('holdings search', () => {
  const btc = item({ asset: 'BTC', account: 'main', wallets: { UNIFIED: '0.4', EARN_FLEXIBLE: '0.1' } });
  it('finds every typed word in the asset, the account or a wallet\'s human name, in any case', () => {
    expect(matchesQuery(btc, 'btc')).toBe(true);
    expect(matchesQuery(btc, '  ')).toBe(true);
    expect(matchesQuery(btc, 'bybit/MAIN')).toBe(true);
    expect(matchesQuery(btc, 'btc earn')).toBe(true);
    expect(matchesQuery(btc, 'btc on-chain')).toBe(false);
    expect(matchesQuery(btc, 'eth')).toBe(false);
  });
});

describe('grouping', () => {
  // 0.1 + 0.2 must be exactly 0.3: a binary float would give 0.30000000000000004.
  const items = [
    item({ asset: 'BTC', account: 'a', quantity: '0.1', currentPrice: '90000', value: '9000', allocationPct: '10', avgEntryPrice: '50000', profitLoss: '4000',
      realisedPnl: '0.1', feesPaid: '0.01', wallets: { UNIFIED: '0.1' } }),
    item({ asset: 'BTC', account: 'b', quantity: '0.2', currentPrice: '90000', value: '18000', allocationPct: '20', avgEntryPrice: '80000', profitLoss: '2000',
      realisedPnl: '0.2', feesPaid: '0.02', feesPartial: true, wallets: { UNIFIED: '0.15', FUND: '0.05' } }),
    item({ asset: 'ETH', account: 'b', quantity: '3', currentPrice: '3000', value: '9000', allocationPct: '10', avgEntryPrice: null, wallets: { EARN_ONCHAIN: '3' } }),
    item({ asset: 'USDT', account: 'a', quantity: '54000', currentPrice: '1', value: '54000', allocationPct: '60' }),
  ];

  it('by asset sums quantities, values, P&L, fees and wallets exactly across accounts', () => {
    const [btc] = mergeByAsset(items).filter((i) => i.asset === 'BTC');
    expect(btc).toMatchObject({
      quantity: '0.3', value: '27000', currentPrice: '90000', allocationPct: '30', profitLoss: '6000', realisedPnl: '0.3', feesPaid: '0.03', feesPartial: true,
      wallets: { UNIFIED: '0.25', FUND: '0.05' },
    });
    // Invested 5,000 + 16,000 over 0.3 BTC; P&L % on what was invested.
    expect(btc!.avgEntryPrice).toBe('70000');
    expect(new Dec(btc!.profitLossPercentage!).toDecimalPlaces(6).toFixed()).toBe('28.571429');
    expect(btc!.avgEntryPartial).toBe(false);
    const rows = buildRows(items, 'asset', DEFAULT_SORT);
    expect(assetsOf(rows)).toEqual(['USDT', 'BTC', 'ETH']);
    const btcRow = rows.find((r) => r.kind === 'holding' && r.row.item.asset === 'BTC');
    expect(btcRow?.kind === 'holding' && btcRow.row.accountText).toBe('2 accounts');
    expect(btcRow?.kind === 'holding' && btcRow.row.invested).toBe('21000');
  });

  it('by asset: an account without an average makes the merged one partial, over the known part', () => {
    const [eth] = mergeByAsset([...items, item({ asset: 'ETH', account: 'a', quantity: '1', value: '3000', currentPrice: '3000', avgEntryPrice: '2000' })]).filter((i) => i.asset === 'ETH');
    expect(eth).toMatchObject({ quantity: '4', value: '12000', avgEntryPrice: '2000', avgEntryPartial: true });
  });

  it('by account puts a subtotal row above each account, largest account first', () => {
    const rows = buildRows(items, 'account', DEFAULT_SORT);
    expect(assetsOf(rows)).toEqual(['[bybit/a]', 'USDT', 'BTC', '[bybit/b]', 'BTC', 'ETH']);
    const b = rows.find((r) => r.kind === 'group' && r.label === 'bybit/b');
    expect(b?.kind === 'group' && b.subtotal).toEqual({
      value: '27000', allocationPct: '30', invested: '16000', investedPartial: true, profitLoss: '2000',
      realisedPnl: '0.2', realisedPartial: false, feesPaid: '0.02', feesPartial: true,
    });
    // Cash has no cost to know: account a's invested is whole.
    const a = rows.find((r) => r.kind === 'group' && r.label === 'bybit/a');
    expect(a?.kind === 'group' && a.subtotal).toMatchObject({ value: '63000', invested: '5000', investedPartial: false });
  });

  it('a subtotal of figures nobody knows is unknown, not zero', () => {
    expect(subtotalOf([item({ asset: 'X', value: null, currentPrice: null })])).toMatchObject({ value: null, invested: null, realisedPnl: null, feesPaid: null });
    expect(investedOf(item({ asset: 'X', quantity: '0.3', avgEntryPrice: '0.1' }))).toBe('0.03');
  });

  it('values each wallet at the asset\'s price, largest first, unpriced holdings apart', () => {
    const w = valueByWallet([...items, item({ asset: 'XNOP', currentPrice: null, value: null })]);
    expect(w.wallets).toEqual([
      { wallet: 'UNIFIED', name: 'Unified trading', value: '76500' },
      { wallet: 'EARN_ONCHAIN', name: 'Earn on-chain', value: '9000' },
      { wallet: 'FUND', name: 'Funding', value: '4500' },
    ]);
    expect(w.unpriced).toBe(1);
  });
});

describe('allocation with 40 assets', () => {
  const many = Array.from({ length: 40 }, (_, k) => item({ asset: `A${String(k).padStart(2, '0')}`, value: String(400 - k), allocationPct: '2.5' }));
  it('names the largest eight and lists the other 32 instead of hiding them in one slice', () => {
    const { slices, other } = allocationBreakdown(many, 9);
    expect(slices).toHaveLength(9);
    expect(slices.slice(0, 8).map((s) => s.asset)).toEqual(['A00', 'A01', 'A02', 'A03', 'A04', 'A05', 'A06', 'A07']);
    expect(slices[8]).toEqual({ asset: 'Other (32)', value: String(other.reduce((s, o) => s + Number(o.value), 0)), pct: '80' });
    expect(other).toHaveLength(32);
    expect(other[0]!.asset).toBe('A08');
    expect(other.at(-1)!.asset).toBe('A39');
  });
  it('has no Other when every asset gets a slice', () => {
    expect(allocationBreakdown(many.slice(0, 9), 9).other).toEqual([]);
  });
});

describe('wallet names', () => {
  it('reads as a person would say them; unknown Earn types keep their name', () => {
    expect(['UNIFIED', 'FUND', 'EARN_FLEXIBLE', 'EARN_ONCHAIN', 'EARN:LIQUIDITY_MINING', 'SOMETHING'].map(walletName))
      .toEqual(['Unified trading', 'Funding', 'Earn flexible', 'Earn on-chain', 'Earn (liquidity mining)', 'SOMETHING']);
  });

  it('names OKX\'s accounts apart from Bybit\'s wallets, trading before funding before Earn', () => {
    expect(['TRADING', 'FUNDING', 'EARN_SAVINGS'].map(walletName)).toEqual(['Trading account', 'Funding account', 'Simple Earn']);
    expect(sortWallets(['EARN_SAVINGS', 'FUND', 'FUNDING', 'UNIFIED', 'TRADING', 'EARN_FLEXIBLE'])).toEqual(['UNIFIED', 'TRADING', 'FUND', 'FUNDING', 'EARN_FLEXIBLE', 'EARN_SAVINGS']);
  });
});
