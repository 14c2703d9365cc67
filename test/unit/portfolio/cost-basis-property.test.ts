import { describe, expect, it } from 'vitest';
import { averageCost, computeCostBasis } from '../../../electron/core/portfolio/cost-basis.js';
import { dec } from '../../../electron/core/portfolio/decimal.js';
import { fill, type FillSpec } from './fixtures.js';

/** Deterministic PRNG (mulberry32) over integers, so failures reproduce. */
function rng(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

/** A decimal string with `scale` fractional digits from a BigInt of units. */
function fixed(units: bigint, scale: number): string {
  const s = units.toString().padStart(scale + 1, '0');
  const text = `${s.slice(0, -scale)}.${s.slice(-scale)}`.replace(/\.?0+$/, '');
  return text === '' ? '0' : text;
}

describe('computeCostBasis properties', () => {
  it('buy-only: cost = Σ(q·p + fee) exactly and avg = Σ(q·p + fee) / Σq', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const r = rng(seed);
      const specs: FillSpec[] = [];
      // Integer oracle independent of decimal.js: q has 8 decimals, p 2, fee 10.
      let qUnits = 0n;
      let costUnits = 0n; // scale 10
      const n = 1 + r(30);
      for (let i = 0; i < n; i++) {
        const q = BigInt(1 + r(2_000_000_000));
        const p = BigInt(1 + r(10_000_000));
        const fee = BigInt(r(1_000_000_000));
        specs.push({ side: 'buy', symbol: 'SOL/USDT', qty: fixed(q, 8), price: fixed(p, 2), fee: fixed(fee, 10), feeCcy: 'USDT', at: r(1000) });
        qUnits += q;
        costUnits += q * p + fee;
      }
      const basis = computeCostBasis(specs.map(fill)).get('SOL');
      expect(basis?.quantity.toString()).toBe(fixed(qUnits, 8));
      expect(basis?.cost.toString()).toBe(fixed(costUnits, 10));
      expect(basis && averageCost(basis)?.toString()).toBe(dec(fixed(costUnits, 10)).div(dec(fixed(qUnits, 8))).toString());
      expect(basis?.partial).toBe(false);
    }
  });

  it('sells never move the average (to 35 significant digits) and quantity never goes negative', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const r = rng(seed);
      const specs: FillSpec[] = [];
      for (let i = 0; i < 40; i++) {
        specs.push({ side: r(3) === 0 ? 'sell' : 'buy', symbol: 'SOL/USDT', qty: fixed(BigInt(1 + r(1_000_000)), 4), price: fixed(BigInt(1 + r(100_000)), 2), at: i });
      }
      let previous: string | null = null;
      for (let i = 1; i <= specs.length; i++) {
        const basis = computeCostBasis(specs.slice(0, i).map(fill)).get('SOL');
        const avg = basis ? averageCost(basis) : null;
        expect(basis?.quantity.isNegative()).toBe(false);
        const current = avg === null ? null : avg.toSignificantDigits(35).toString();
        if (specs[i - 1]?.side === 'sell' && current !== null) expect(current).toBe(previous);
        previous = current;
      }
    }
  });
});
