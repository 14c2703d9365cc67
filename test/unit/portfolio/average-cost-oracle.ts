// An independent implementation of the average-cost method (DESIGN §4: average entry,
// realised P&L, fees, deposits under both policies, withdrawals, transfers between own
// accounts and converts), in exact rational arithmetic over BigInt (no decimal.js). The
// property tests compare the app's books with it over thousands of random sequences.
import type { FillSpec } from './fixtures.js';

/** An exact fraction n/d, d > 0. */
export interface Rat { n: bigint; d: bigint }
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
const rat = (n: bigint, d = 1n): Rat => {
  const g = gcd(n, d) || 1n;
  return d < 0n ? { n: -n / g, d: -d / g } : { n: n / g, d: d / g };
};
export const parse = (s: string): Rat => {
  const [i, f = ''] = s.split('.');
  return rat(BigInt(`${i}${f}`), 10n ** BigInt(f.length));
};
export const add = (a: Rat, b: Rat) => rat(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Rat, b: Rat) => add(a, { n: -b.n, d: b.d });
export const mul = (a: Rat, b: Rat) => rat(a.n * b.n, a.d * b.d);
export const div = (a: Rat, b: Rat) => rat(a.n * b.d, a.d * b.n);
const cmp = (a: Rat, b: Rat) => { const x = a.n * b.d - b.n * a.d; return x < 0n ? -1 : x > 0n ? 1 : 0; };
export const ZERO: Rat = { n: 0n, d: 1n };
const ONE: Rat = { n: 1n, d: 1n };

/** |app − oracle| ≤ 1e-25 · max(1, |oracle|) (decimal.js divides at 40 significant digits); null only for null. */
export function agrees(app: { toString(): string } | null | undefined, oracle: Rat | null): boolean {
  if (oracle === null || app === null || app === undefined) return oracle === null && app === null;
  const diff = sub(parse(app.toString()), oracle);
  const absDiff = diff.n < 0n ? -diff.n : diff.n;
  const magnitude = oracle.n < 0n ? -oracle.n : oracle.n;
  const scale = magnitude > oracle.d ? magnitude * diff.d : oracle.d * diff.d;
  return absDiff * 10n ** 25n * oracle.d <= scale;
}

export const CASH = new Set(['USDT', 'USDC']);

/**
 * A move between fills, at `t` minutes: a deposit or withdrawal, a transfer in from or out
 * to another account of the user, or a convert of `qty` of `asset` into `toQty` of `to`.
 */
export type MoveSpec =
  | { t: number; kind: 'deposit' | 'in'; asset: string; qty: string; rate: string | null }
  | { t: number; kind: 'withdrawal' | 'out'; asset: string; qty: string; fee: string | null }
  | { t: number; kind: 'convert'; id: string; asset: string; qty: string; to: string; toQty: string; rate: string | null; toRate: string | null };

export interface Book { qty: Rat; costed: Rat; cost: Rat }
export interface Expected {
  books: Map<string, Book>;
  /** Known realised P&L per asset, and the assets with some unknown. */
  realised: Map<string, Rat>;
  realisedUnknown: Set<string>;
  fees: Map<string, Rat>;
  perFill: Map<string, { fee: Rat; pnl: Rat | null }>;
  perConvert: Map<string, Rat | null>;
}

/** The method as the design states it, step by step; every fill's prices are known. */
export function oracle(specs: readonly FillSpec[], moves: readonly MoveSpec[] = [], policy: 'market' | 'unknown' = 'market'): Expected {
  const exp: Expected = { books: new Map(), realised: new Map(), realisedUnknown: new Set(), fees: new Map(), perFill: new Map(), perConvert: new Map() };
  const book = (a: string) => exp.books.get(a) ?? exp.books.set(a, { qty: ZERO, costed: ZERO, cost: ZERO }).get(a)!;
  const realise = (a: string, v: Rat | null) => {
    if (CASH.has(a)) return;
    if (v === null) exp.realisedUnknown.add(a);
    else exp.realised.set(a, add(exp.realised.get(a) ?? ZERO, v));
  };
  /** Adds q units costing `cost` (null: unknown, so they carry none). */
  const acquire = (a: string, q: Rat, cost: Rat | null) => {
    if (CASH.has(a)) return;
    const b = book(a);
    b.qty = add(b.qty, q);
    if (cost !== null) {
      b.costed = add(b.costed, q);
      b.cost = add(b.cost, cost);
    }
  };
  /**
   * Takes q units at the average; returns their cost, or null when some of them have no
   * known cost (uncosted units in the holding, or more than it holds). All of it or more
   * closes the books of that asset.
   */
  const dispose = (a: string, q: Rat): Rat | null => {
    if (CASH.has(a)) return ZERO;
    const b = book(a);
    const allCosted = cmp(b.costed, b.qty) === 0;
    if (cmp(q, b.qty) >= 0) {
      const out = cmp(q, b.qty) === 0 && allCosted ? b.cost : null;
      Object.assign(b, { qty: ZERO, costed: ZERO, cost: ZERO });
      return out;
    }
    // Costed and uncosted units leave in proportion: the average stays.
    const share = div(sub(b.qty, q), b.qty);
    const out = allCosted ? mul(div(b.cost, b.costed), q) : null;
    b.costed = mul(b.costed, share);
    b.cost = mul(b.cost, share);
    b.qty = sub(b.qty, q);
    return out;
  };
  const move = (m: MoveSpec) => {
    const q = parse(m.qty);
    switch (m.kind) {
      case 'deposit':
      case 'in':
        acquire(m.asset, q, policy === 'market' && m.rate !== null ? mul(q, parse(m.rate)) : null);
        return;
      case 'withdrawal':
      case 'out':
        // A withdrawal's fee leaves with it; a transfer between accounts has none.
        dispose(m.asset, add(q, m.kind === 'withdrawal' && m.fee !== null ? parse(m.fee) : ZERO));
        return;
      case 'convert': {
        const toQ = parse(m.toQty);
        const value = CASH.has(m.asset) ? q : CASH.has(m.to) ? toQ : m.rate !== null ? mul(q, parse(m.rate)) : m.toRate !== null ? mul(toQ, parse(m.toRate)) : null;
        const costOut = dispose(m.asset, q);
        acquire(m.to, toQ, value);
        const pnl = CASH.has(m.asset) ? ZERO : value === null || costOut === null ? null : sub(value, costOut);
        realise(m.asset, pnl);
        exp.perConvert.set(m.id, pnl);
      }
    }
  };
  let next = 0;
  for (const s of specs) {
    while (next < moves.length && moves[next]!.t < s.at!) move(moves[next++]!);
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
    let pnl: Rat | null = ZERO;
    const plus = (r: Rat | null) => { pnl = pnl === null || r === null ? null : add(pnl, r); };
    // A fee in a third coin is a disposal of that coin at its price; a rebate in one is
    // an acquisition at its price.
    if (ccy !== base && ccy !== quote && !CASH.has(ccy)) {
      if (fee.n < 0n) acquire(ccy, { n: -fee.n, d: fee.d }, { n: -feeUsdt.n, d: feeUsdt.d });
      else if (fee.n > 0n) {
        const out = dispose(ccy, fee);
        const r = out === null ? null : sub(feeUsdt, out);
        realise(ccy, r);
        plus(r);
      }
    }
    const feeCapitalised = ccy === base || ccy === quote ? ZERO : feeUsdt;
    if (s.side === 'buy') {
      const out = add(mul(q, p), ccy === quote ? fee : ZERO);
      const costOut = dispose(quote, out);
      acquire(base, sub(q, ccy === base ? fee : ZERO), add(add(traded, ccy === quote ? feeUsdt : ZERO), feeCapitalised));
      if (!CASH.has(quote)) {
        const r = costOut === null ? null : sub(mul(out, qr), costOut);
        realise(quote, r);
        plus(r);
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
      const r = costOut === null ? null : sub(proceeds, costOut);
      realise(base, r);
      plus(r);
    }
    if (!CASH.has(base)) exp.fees.set(base, add(exp.fees.get(base) ?? ZERO, feeUsdt));
    exp.perFill.set(s.id!, { fee: feeUsdt, pnl });
  }
  return exp;
}
