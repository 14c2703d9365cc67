import { describe, expect, it } from 'vitest';
import { computeCostBooks, type CostTransfer } from '../../../electron/core/portfolio/cost-basis.js';
import { Dec } from '../../../electron/core/portfolio/decimal.js';
import { fill, type FillSpec } from './fixtures.js';

// An independent implementation of the average-cost method, realised P&L and fees, in exact
// rational arithmetic over BigInt (no decimal.js): thousands of random fill sequences —
// cash and cross pairs, fees in the coin bought, the coin given, a cash coin and a third
// coin, sells down to exactly zero — must agree with the app's books.

/** An exact fraction n/d, d > 0. */
interface Rat { n: bigint; d: bigint }
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
const rat = (n: bigint, d = 1n): Rat => {
  const g = gcd(n, d) || 1n;
  return d < 0n ? { n: -n / g, d: -d / g } : { n: n / g, d: d / g };
};
const parse = (s: string): Rat => {
  const [i, f = ''] = s.split('.');
  return rat(BigInt(`${i}${f}`), 10n ** BigInt(f.length));
};
const add = (a: Rat, b: Rat) => rat(a.n * b.d + b.n * a.d, a.d * b.d);
const sub = (a: Rat, b: Rat) => add(a, { n: -b.n, d: b.d });
const mul = (a: Rat, b: Rat) => rat(a.n * b.n, a.d * b.d);
const div = (a: Rat, b: Rat) => rat(a.n * b.d, a.d * b.n);
const ZERO: Rat = { n: 0n, d: 1n };
const ONE: Rat = { n: 1n, d: 1n };

/** |app − oracle| ≤ 1e-25 · max(1, |oracle|): decimal.js divides at 40 significant digits. */
function agrees(app: { toString(): string } | null | undefined, oracle: Rat): boolean {
  if (app === null || app === undefined) return false;
  const diff = sub(parse(app.toString()), oracle);
  const absDiff = diff.n < 0n ? -diff.n : diff.n;
  const magnitude = oracle.n < 0n ? -oracle.n : oracle.n;
  const scale = magnitude > oracle.d ? magnitude * diff.d : oracle.d * diff.d;
  return absDiff * 10n ** 25n * oracle.d <= scale;
}

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

const CASH = new Set(['USDT', 'USDC']);
const PAIRS = ['BTC/USDT', 'ETH/USDT', 'ETH/BTC', 'MNT/USDT', 'BTC/USDC', 'SOL/ETH'];
const dec = (units: number, scale: number) => (units / 10 ** scale).toFixed(scale).replace(/\.?0+$/, '') || '0';

interface Book { qty: Rat; cost: Rat }
interface Expected { realised: Map<string, Rat>; fees: Map<string, Rat>; perFill: Map<string, { fee: Rat; pnl: Rat }>; books: Map<string, Book> }

/** A deposit or withdrawal half a minute after fill number `at`, valued (deposits) at `rate`. */
interface TransferSpec { at: number; kind: 'deposit' | 'withdrawal'; asset: string; qty: string; rate: string }

/** The method as the design states it, step by step, for a sequence whose every price is known. */
function oracle(specs: FillSpec[], transfers: TransferSpec[] = []): Expected {
  const books = new Map<string, Book>();
  const book = (a: string) => books.get(a) ?? books.set(a, { qty: ZERO, cost: ZERO }).get(a)!;
  const exp: Expected = { realised: new Map(), fees: new Map(), perFill: new Map(), books };
  const bump = (m: Map<string, Rat>, a: string, v: Rat) => { if (!CASH.has(a)) m.set(a, add(m.get(a) ?? ZERO, v)); };
  const acquire = (a: string, q: Rat, cost: Rat) => {
    if (CASH.has(a)) return;
    const b = book(a);
    b.qty = add(b.qty, q);
    b.cost = add(b.cost, cost);
  };
  /** Disposes of q units at the average; returns their cost. */
  const dispose = (a: string, q: Rat): Rat => {
    if (CASH.has(a)) return ZERO;
    const b = book(a);
    const costOut = b.qty.n === 0n ? ZERO : mul(div(b.cost, b.qty), q);
    b.qty = sub(b.qty, q);
    b.cost = b.qty.n === 0n ? ZERO : sub(b.cost, costOut);
    return costOut;
  };
  let nextTransfer = 0;
  for (const s of specs) {
    // Deposits enter at their market value; withdrawals leave at the average, realising nothing.
    while (nextTransfer < transfers.length && transfers[nextTransfer]!.at < s.at!) {
      const t = transfers[nextTransfer++]!;
      if (t.kind === 'deposit') acquire(t.asset, parse(t.qty), mul(parse(t.qty), parse(t.rate)));
      else dispose(t.asset, parse(t.qty));
    }
    const [base, quote] = s.symbol.split('/') as [string, string];
    const q = parse(s.qty);
    const p = parse(s.price);
    const fee = parse(s.fee ?? '0');
    const ccy = s.feeCcy ?? quote;
    const qr = CASH.has(quote) ? ONE : parse(s.rate!);
    const bu = CASH.has(base) ? ONE : mul(p, qr);
    const unit = CASH.has(ccy) ? ONE : ccy === base ? bu : ccy === quote ? qr : parse(s.feeRate!);
    const feeUsdt = mul(fee, unit);
    const traded = mul(q, bu);
    let pnl = ZERO;
    // A fee in a third coin is a disposal of that coin at its price; a rebate in one is
    // an acquisition at its price.
    if (ccy !== base && ccy !== quote && !CASH.has(ccy)) {
      if (fee.n < 0n) {
        acquire(ccy, { n: -fee.n, d: fee.d }, { n: -feeUsdt.n, d: feeUsdt.d });
      } else {
        const r = sub(feeUsdt, dispose(ccy, fee));
        bump(exp.realised, ccy, r);
        pnl = add(pnl, r);
      }
    }
    const feeCapitalised = ccy === base || ccy === quote ? ZERO : feeUsdt;
    if (s.side === 'buy') {
      const out = add(mul(q, p), ccy === quote ? fee : ZERO);
      const costOut = dispose(quote, out);
      acquire(base, sub(q, ccy === base ? fee : ZERO), add(add(traded, ccy === quote ? feeUsdt : ZERO), feeCapitalised));
      if (!CASH.has(quote)) {
        const r = sub(mul(out, qr), costOut);
        bump(exp.realised, quote, r);
        pnl = add(pnl, r);
      }
    } else {
      const out = add(q, ccy === base ? fee : ZERO);
      const costOut = dispose(base, out);
      let proceeds: Rat;
      if (CASH.has(quote)) {
        proceeds = ccy === base ? traded : sub(traded, feeUsdt);
      } else {
        proceeds = mul(out, bu);
        acquire(quote, sub(mul(q, p), ccy === quote ? fee : ZERO), add(add(traded, ccy === base ? feeUsdt : ZERO), feeCapitalised));
      }
      const r = sub(proceeds, costOut);
      bump(exp.realised, base, r);
      pnl = add(pnl, r);
    }
    bump(exp.fees, base, feeUsdt);
    exp.perFill.set(s.id!, { fee: feeUsdt, pnl });
  }
  return exp;
}

/**
 * A random sequence that never spends more than is held: it starts with holdings of the
 * coins later spent as quotes and fees, spends at most a third of a holding at a time,
 * and now and then sells a coin down to exactly zero.
 */
function sequence(seed: number): FillSpec[] {
  const r = rng(seed);
  const specs: FillSpec[] = [];
  const held = new Map<string, number>();
  const push = (spec: Omit<FillSpec, 'id' | 'at'>) => specs.push({ ...spec, id: `p${String(specs.length).padStart(3, '0')}`, at: specs.length });
  for (const [coin, qty] of [['BTC', '50'], ['ETH', '2000'], ['MNT', '100000']] as const) {
    push({ side: 'buy', symbol: `${coin}/USDT`, qty, price: dec(1 + r(9_000_000), 4), fee: '0', feeCcy: 'USDT' });
    held.set(coin, Number(qty));
  }
  const n = 5 + r(40);
  for (let i = 0; i < n; i++) {
    const symbol = PAIRS[r(PAIRS.length)]!;
    const [base, quote] = symbol.split('/') as [string, string];
    const have = held.get(base) ?? 0;
    const sell = have > 0 && r(3) === 0;
    const sellAll = sell && r(4) === 0 && base !== 'MNT';
    const price = dec(1 + r(9_000_000), 4);
    let qty: string;
    if (sellAll) {
      // The exact holding the books hold now.
      qty = computeCostBooks(specs.map(fill)).basis.get(base)!.quantity.toString();
    } else {
      const room = sell ? have / 3 : CASH.has(quote) ? 1000 : (held.get(quote) ?? 0) / 3 / Number(price);
      qty = dec(Math.floor(Math.max(room, 0) * 1e6 * (1 + r(999)) / 1000), 6);
    }
    if (Number(qty) <= 0) continue;
    // Fees: in the coin bought, the quote, a cash coin or MNT; never in the coin sold
    // (it might not fit), and MNT only while some is held.
    const feeCcy = [sell ? quote : base, quote, 'USDT', (held.get('MNT') ?? 0) > 1000 ? 'MNT' : 'USDT'][r(4)]!;
    // Up to 0.2% of what the fee is charged on; one in ten is a rebate, one in six zero.
    const feeBase = feeCcy === base ? Number(qty) : feeCcy === quote ? Number(qty) * Number(price) : 100;
    const fee = r(6) === 0 ? '0' : dec(Math.floor(feeBase * 1e6 * r(2000) / 1e6) * (r(10) === 0 ? -1 : 1), 6);
    push({
      side: sell ? 'sell' : 'buy', symbol, qty, price, fee, feeCcy,
      rate: CASH.has(quote) ? undefined : dec(1 + r(90_000_000), 2), feeRate: dec(1 + r(5_000_000), 6),
    });
    const q = Number(qty);
    if (sell) held.set(base, sellAll ? 0 : have - q);
    else {
      held.set(base, have + q * 0.99);
      if (!CASH.has(quote)) held.set(quote, (held.get(quote) ?? 0) - q * Number(price) * 1.01);
    }
    if (feeCcy === 'MNT') held.set('MNT', (held.get('MNT') ?? 0) - 0.2);
    if (sell && !CASH.has(quote)) held.set(quote, (held.get(quote) ?? 0) + q * Number(price) * 0.99);
  }
  return specs;
}

describe('realised P&L and fees agree with an independent rational implementation', () => {
  it('over 2,000 random sequences', () => {
    let checkedFills = 0;
    for (let seed = 1; seed <= 2000; seed++) {
      const specs = sequence(seed);
      const app = computeCostBooks(specs.map(fill));
      // Sequences that oversell a coin spent as a quote or fee are outside the oracle.
      if ([...app.outcomes.values()].some((o) => o.realisedPnl === null)) continue;
      const exp = oracle(specs);
      for (const [id, e] of exp.perFill) {
        const o = app.outcomes.get(id);
        expect(agrees(o?.feeUsdt, e.fee), `seed ${seed} fill ${id} fee ${o?.feeUsdt?.toString()}`).toBe(true);
        expect(agrees(o?.realisedPnl, e.pnl), `seed ${seed} fill ${id} pnl ${o?.realisedPnl?.toString()}`).toBe(true);
        checkedFills += 1;
      }
      // A coin only named as the currency of a zero fee has no books: nothing to compare but zero.
      for (const [asset, v] of exp.realised) expect(agrees(app.basis.get(asset)?.realisedPnl ?? '0', v), `seed ${seed} ${asset} realised`).toBe(true);
      for (const [asset, v] of exp.fees) expect(agrees(app.basis.get(asset)?.feesUsdt ?? '0', v), `seed ${seed} ${asset} fees`).toBe(true);
    }
    // Most sequences are fully known and checked.
    expect(checkedFills).toBeGreaterThan(40_000);
  });
});

describe('deposits at market value and withdrawals agree with the same implementation', () => {
  const toTransfer = (t: TransferSpec, i: number): CostTransfer => ({
    id: `t${i}`, executedAt: new Date(Date.UTC(2025, 0, 1) + (t.at - 0.5) * 60_000), kind: t.kind, asset: t.asset, quantity: new Dec(t.qty), usdtRate: new Dec(t.rate),
  });

  it('over 1,000 random sequences with deposits and withdrawals between the trades', () => {
    let checked = 0;
    for (let seed = 1; seed <= 1000; seed++) {
      const specs = sequence(seed + 50_000);
      const r = rng(seed);
      // A deposit before each of a few fills; a withdrawal of a small part of what was deposited.
      const transfers: TransferSpec[] = [];
      for (let i = 3; i < specs.length; i += 1 + r(6)) {
        const asset = ['BTC', 'ETH', 'SOL', 'MNT'][r(4)]!;
        transfers.push({ at: specs[i]!.at!, kind: 'deposit', asset, qty: `${1 + r(50)}.${r(1000)}`, rate: `${1 + r(90_000)}.${r(100)}` });
        if (r(2) === 0) transfers.push({ at: specs[i]!.at! + 0.25, kind: 'withdrawal', asset, qty: `0.${1 + r(900)}`, rate: '1' });
      }
      const app = computeCostBooks(specs.map(fill), transfers.map(toTransfer), 'market');
      if ([...app.outcomes.values()].some((o) => o.realisedPnl === null)) continue;
      const exp = oracle(specs, transfers.map((t) => ({ ...t, at: t.at - 0.5 })).sort((a, b) => a.at - b.at));
      for (const [id, e] of exp.perFill) {
        expect(agrees(app.outcomes.get(id)?.realisedPnl, e.pnl), `seed ${seed} fill ${id} pnl`).toBe(true);
        expect(agrees(app.outcomes.get(id)?.feeUsdt, e.fee), `seed ${seed} fill ${id} fee`).toBe(true);
      }
      for (const [asset, b] of exp.books) {
        const basis = app.basis.get(asset);
        if (b.qty.n <= 0n) continue;
        expect(agrees(basis?.quantity, b.qty), `seed ${seed} ${asset} quantity`).toBe(true);
        expect(agrees(basis?.average, div(b.cost, b.qty)), `seed ${seed} ${asset} average`).toBe(true);
        expect(basis?.partial).toBe(false);
      }
      checked += 1;
    }
    expect(checked).toBeGreaterThan(600);
  });

  it('under the default policy a deposit has no cost: the average stays that of the trades, marked partial', () => {
    const buy = fill({ id: 'a', side: 'buy', symbol: 'BTC/USDT', qty: '1', price: '50000', fee: '0', feeCcy: 'USDT', at: 1 });
    const sell = fill({ id: 'b', side: 'sell', symbol: 'BTC/USDT', qty: '0.5', price: '60000', fee: '0', feeCcy: 'USDT', at: 3 });
    const deposit: CostTransfer = { id: 'd', executedAt: new Date(Date.UTC(2025, 0, 1) + 2 * 60_000), kind: 'deposit', asset: 'BTC', quantity: new Dec('1'), usdtRate: new Dec('40000') };
    const unknown = computeCostBooks([buy, sell], [deposit], 'unknown');
    expect(unknown.basis.get('BTC')).toMatchObject({ partial: true });
    expect(unknown.basis.get('BTC')?.average?.toString()).toBe('50000');
    expect(unknown.basis.get('BTC')?.quantity.toString()).toBe('1.5');
    // The sale took units of unknown cost with it: what it realised is unknown, not guessed.
    expect(unknown.outcomes.get('b')?.realisedPnl).toBeNull();
    const market = computeCostBooks([buy, sell], [deposit], 'market');
    // (50000 + 40000) / 2 = 45000; 0.5 × (60000 − 45000) = 7500.
    expect(market.basis.get('BTC')).toMatchObject({ partial: false });
    expect(market.basis.get('BTC')?.average?.toString()).toBe('45000');
    expect(market.outcomes.get('b')?.realisedPnl?.toString()).toBe('7500');
    // A deposit whose price could not be had stays uncosted even under the market policy.
    const noRate = computeCostBooks([buy, sell], [{ ...deposit, usdtRate: null }], 'market');
    expect(noRate.basis.get('BTC')?.partial).toBe(true);
    // A withdrawal leaves at the average and realises nothing.
    const out = computeCostBooks([buy], [{ ...deposit, id: 'w', kind: 'withdrawal', quantity: new Dec('0.25') }], 'market');
    expect(out.basis.get('BTC')?.quantity.toString()).toBe('0.75');
    expect(out.basis.get('BTC')?.average?.toString()).toBe('50000');
    expect(out.basis.get('BTC')?.realisedPnl.toString()).toBe('0');
  });
});
