import { describe, expect, it } from 'vitest';
import { computeCostBooks } from '../../../electron/core/portfolio/cost-basis.js';
import { fills } from './fixtures.js';

// Realised P&L of a sale = what it brought in USDT − the average cost of what left − the
// sale's fee in USDT (a fee in the coin sold leaves with it). Fees are each fill's fee in
// USDT at the fill's time, cash at par. Every figure below is worked out by hand.
const books = (...specs: Parameters<typeof fills>) => computeCostBooks(fills(...specs));
const str = (d: { toString(): string } | null | undefined) => (d === null || d === undefined ? null : d.toString());

describe('realised P&L and fees per fill', () => {
  it('a sale for cash realises proceeds − average cost − the fee in the quote', () => {
    const b = books(
      { id: 'a', side: 'buy', symbol: 'BTC/USDT', qty: '2', price: '50000', fee: '100', feeCcy: 'USDT' },
      { id: 'b', side: 'sell', symbol: 'BTC/USDT', qty: '0.5', price: '80000', fee: '40', feeCcy: 'USDT' },
    );
    // avg = (100000 + 100) / 2 = 50050; 0.5 × 80000 − 0.5 × 50050 − 40 = 14935
    expect(str(b.outcomes.get('b')?.realisedPnl)).toBe('14935');
    expect(str(b.outcomes.get('b')?.feeUsdt)).toBe('40');
    expect(str(b.outcomes.get('a')?.realisedPnl)).toBe('0');
    expect(str(b.outcomes.get('a')?.feeUsdt)).toBe('100');
    const btc = b.basis.get('BTC')!;
    expect(str(btc.realisedPnl)).toBe('14935');
    expect(str(btc.feesUsdt)).toBe('140');
    expect(btc.realisedPartial).toBe(false);
    expect(btc.feesPartial).toBe(false);
  });

  it('a fee in the coin sold is part of what leaves, at the average cost', () => {
    const b = books(
      { id: 'a', side: 'buy', symbol: 'BTC/USDT', qty: '1', price: '50000' },
      { id: 'b', side: 'sell', symbol: 'BTC/USDT', qty: '0.5', price: '80000', fee: '0.001', feeCcy: 'BTC' },
    );
    // 40000 − 0.501 × 50000 = 14950; the fee is worth 0.001 × 80000 = 80 USDT
    expect(str(b.outcomes.get('b')?.realisedPnl)).toBe('14950');
    expect(str(b.outcomes.get('b')?.feeUsdt)).toBe('80');
    expect(str(b.basis.get('BTC')?.quantity)).toBe('0.499');
  });

  it('a buy with a fee in the coin bought values the fee at the fill price', () => {
    const b = books({ id: 'a', side: 'buy', symbol: 'BTC/USDT', qty: '1', price: '50000', fee: '0.001', feeCcy: 'BTC' });
    expect(str(b.outcomes.get('a')?.feeUsdt)).toBe('50');
    expect(str(b.outcomes.get('a')?.realisedPnl)).toBe('0');
  });

  it('a cross-pair buy disposes of the quote coin at its USDT price', () => {
    const b = books(
      { id: 'a', side: 'buy', symbol: 'BTC/USDT', qty: '1', price: '40000' },
      // 10 ETH for 0.3 BTC while BTC is at 60000, fee 0.01 ETH.
      { id: 'b', side: 'buy', symbol: 'ETH/BTC', qty: '10', price: '0.03', fee: '0.01', feeCcy: 'ETH', rate: '60000' },
    );
    // BTC given up: 0.3 × 60000 − 0.3 × 40000 = 6000
    expect(str(b.outcomes.get('b')?.realisedPnl)).toBe('6000');
    expect(str(b.basis.get('BTC')?.realisedPnl)).toBe('6000');
    // The fee: 0.01 ETH × 0.03 × 60000 = 18 USDT, on ETH's account.
    expect(str(b.outcomes.get('b')?.feeUsdt)).toBe('18');
    expect(str(b.basis.get('ETH')?.feesUsdt)).toBe('18');
    expect(str(b.basis.get('ETH')?.realisedPnl)).toBe('0');
  });

  it('a cross-pair sale realises what the coin was worth; its fee goes into the coin received', () => {
    const b = books(
      { id: 'a', side: 'buy', symbol: 'ETH/USDT', qty: '10', price: '1500' },
      // Sell 4 ETH for 0.16 BTC while BTC is at 50000, fee 0.0001 BTC.
      { id: 'b', side: 'sell', symbol: 'ETH/BTC', qty: '4', price: '0.04', fee: '0.0001', feeCcy: 'BTC', rate: '50000' },
    );
    // 4 ETH worth 4 × 0.04 × 50000 = 8000, cost 4 × 1500 = 6000: 2000 realised.
    expect(str(b.outcomes.get('b')?.realisedPnl)).toBe('2000');
    // BTC received: 0.16 − 0.0001 for 8000 USDT.
    expect(str(b.basis.get('BTC')?.quantity)).toBe('0.1599');
    expect(str(b.basis.get('BTC')?.cost)).toBe('8000');
    expect(str(b.outcomes.get('b')?.feeUsdt)).toBe('5');
  });

  it('a fee paid in a third coin realises that coin at its price against its average', () => {
    const b = books(
      { id: 'a', side: 'buy', symbol: 'MNT/USDT', qty: '100', price: '1' },
      { id: 'b', side: 'buy', symbol: 'BTC/USDT', qty: '0.1', price: '50000', fee: '10', feeCcy: 'MNT', feeRate: '1.5' },
      { id: 'c', side: 'sell', symbol: 'BTC/USDT', qty: '0.1', price: '60000', fee: '10', feeCcy: 'MNT', feeRate: '2' },
    );
    // b: 10 MNT worth 15 for 10 of cost → +5 on MNT; the 15 goes into BTC's cost (5015).
    expect(str(b.outcomes.get('b')?.realisedPnl)).toBe('5');
    expect(str(b.outcomes.get('b')?.feeUsdt)).toBe('15');
    // c: BTC 6000 − 5015 − 20 (fee) = 965; MNT 20 − 10 = 10 → 975.
    expect(str(b.outcomes.get('c')?.realisedPnl)).toBe('975');
    expect(str(b.basis.get('BTC')?.realisedPnl)).toBe('965');
    expect(str(b.basis.get('MNT')?.realisedPnl)).toBe('15');
    // Fees count on the coin traded (BTC), not the coin they were paid in.
    expect(str(b.basis.get('BTC')?.feesUsdt)).toBe('35');
    expect(str(b.basis.get('MNT')?.feesUsdt)).toBe('0');
  });

  it('selling everything closes the books exactly, and a rebate realises nothing', () => {
    const b = books(
      { id: 'a', side: 'buy', symbol: 'SOL/USDT', qty: '3', price: '100' },
      { id: 'b', side: 'buy', symbol: 'SOL/USDT', qty: '1', price: '140', fee: '-0.5', feeCcy: 'USDT' },
      { id: 'c', side: 'sell', symbol: 'SOL/USDT', qty: '4', price: '150' },
    );
    // Cost 300 + 140 − 0.5 = 439.5; all 4 sold for 600: 160.5.
    expect(str(b.outcomes.get('c')?.realisedPnl)).toBe('160.5');
    expect(str(b.outcomes.get('b')?.feeUsdt)).toBe('-0.5');
    expect(str(b.basis.get('SOL')?.feesUsdt)).toBe('-0.5');
    expect(str(b.basis.get('SOL')?.quantity)).toBe('0');
  });

  it('is unknown, never zero, when the sale exceeds what the fills explain', () => {
    const b = books(
      { id: 'a', side: 'buy', symbol: 'BTC/USDT', qty: '1', price: '50000' },
      { id: 'b', side: 'sell', symbol: 'BTC/USDT', qty: '1.5', price: '60000' },
    );
    expect(b.outcomes.get('b')?.realisedPnl).toBeNull();
    expect(b.basis.get('BTC')?.realisedPartial).toBe(true);
    expect(str(b.basis.get('BTC')?.realisedPnl)).toBe('0');
  });

  it('is unknown when part of the holding has no cost, or the quote has no price', () => {
    const b = books(
      { id: 'a', side: 'buy', symbol: 'ETH/BTC', qty: '1', price: '0.05' },
      { id: 'b', side: 'buy', symbol: 'ETH/USDT', qty: '1', price: '3000' },
      { id: 'c', side: 'sell', symbol: 'ETH/USDT', qty: '0.5', price: '3500' },
      { id: 'd', side: 'sell', symbol: 'ETH/BTC', qty: '0.1', price: '0.06', fee: '0', feeCcy: 'BTC' },
    );
    // 'a' has no BTC rate: its ETH has no cost, so any later ETH sale cannot say what it realised.
    expect(b.outcomes.get('c')?.realisedPnl).toBeNull();
    expect(b.outcomes.get('d')?.realisedPnl).toBeNull();
    expect(b.outcomes.get('d')?.feeUsdt?.toString()).toBe('0');
    expect(b.basis.get('ETH')?.realisedPartial).toBe(true);
  });

  it('a fee of unknown size or coin makes the fee unknown, not zero', () => {
    const b = books(
      { id: 'a', side: 'buy', symbol: 'BTC/USDT', qty: '1', price: '50000', fee: '3' },
      { id: 'b', side: 'buy', symbol: 'BTC/USDT', qty: '1', price: '50000', fee: '2', feeCcy: 'BNB' },
    );
    expect(b.outcomes.get('a')?.feeUsdt).toBeNull();
    expect(b.outcomes.get('b')?.feeUsdt).toBeNull();
    expect(b.basis.get('BTC')?.feesPartial).toBe(true);
  });

  it('an unusable fill is flagged, not booked', () => {
    const b = books({ id: 'a', side: 'sell', symbol: 'BTC/USDT', qty: '0', price: '50000', fee: '1', feeCcy: 'USDT' });
    expect(b.outcomes.get('a')).toEqual({ id: 'a', feeUsdt: null, realisedPnl: null });
    expect(b.basis.get('BTC')?.realisedPartial).toBe(true);
    expect(b.basis.get('BTC')?.feesPartial).toBe(true);
  });
});
