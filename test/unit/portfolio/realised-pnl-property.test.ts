import { describe, expect, it } from 'vitest';
import { BYBIT_FLOW_RULES } from '../../../electron/core/exchange/bybit/bybit-flow-rules.js';
import { computeCostBooks, type CostTransfer } from '../../../electron/core/portfolio/cost-basis.js';
import { Dec } from '../../../electron/core/portfolio/decimal.js';
import { costMovesOf } from '../../../electron/core/db/repositories/cost-transfers-repo.js';
import type { CashFlowRow } from '../../../electron/core/exchange/history-types.js';
import { agrees, CASH, div, oracle, ZERO, type MoveSpec } from './average-cost-oracle.js';
import { fill, type FillSpec } from './fixtures.js';

// The app's realised P&L and fees against an independent implementation in exact rational
// arithmetic (./average-cost-oracle.ts): thousands of random fill sequences — cash and cross
// pairs, fees in the coin bought, the coin given, a cash coin and a third coin, sells down to
// exactly zero — must agree with the app's books.

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

const PAIRS = ['BTC/USDT', 'ETH/USDT', 'ETH/BTC', 'MNT/USDT', 'BTC/USDC', 'SOL/ETH'];
const dec = (units: number, scale: number) => (units / 10 ** scale).toFixed(scale).replace(/\.?0+$/, '') || '0';

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
      // A sequence that oversells a coin spent as a quote or fee leaves some results
      // unknown: the implementation must say so for the same fills.
      const exp = oracle(specs);
      for (const [id, e] of exp.perFill) {
        const o = app.outcomes.get(id);
        expect(agrees(o?.feeUsdt, e.fee), `seed ${seed} fill ${id} fee ${o?.feeUsdt?.toString()}`).toBe(true);
        expect(agrees(o?.realisedPnl ?? null, e.pnl), `seed ${seed} fill ${id} pnl ${o?.realisedPnl?.toString()}`).toBe(true);
        if (e.pnl !== null) checkedFills += 1;
      }
      // A coin only named as the currency of a zero fee has no books: nothing to compare but zero.
      for (const [asset, v] of exp.realised) expect(agrees(app.basis.get(asset)?.realisedPnl ?? '0', v), `seed ${seed} ${asset} realised`).toBe(true);
      for (const asset of exp.realisedUnknown) expect(app.basis.get(asset)?.realisedPartial, `seed ${seed} ${asset} realised partial`).toBe(true);
      for (const [asset, v] of exp.fees) expect(agrees(app.basis.get(asset)?.feesUsdt ?? '0', v), `seed ${seed} ${asset} fees`).toBe(true);
    }
    // Most fills have a known result, checked to the digit.
    expect(checkedFills).toBeGreaterThan(40_000);
  });
});

describe('deposits, withdrawals, transfers between own accounts and converts agree with the same implementation', () => {
  const T0 = Date.UTC(2025, 0, 1);
  const cashFlow = (m: MoveSpec, i: number): CashFlowRow => {
    const common = {
      flowId: m.kind === 'convert' ? m.id : `m${i}`, asset: m.asset, amount: m.qty, fee: null, counterAsset: null, counterAmount: null, fromWallet: null, toWallet: null, txId: null,
      rawType: null, occurredAt: new Date(T0 + m.t * 60_000), raw: {}, usdtRate: null, counterUsdtRate: null,
    };
    switch (m.kind) {
      case 'deposit': return { ...common, kind: 'deposit', status: '3', usdtRate: m.rate };
      case 'withdrawal': return { ...common, kind: 'withdrawal', status: 'success', fee: m.fee };
      // This account is member 1; each transfer's other side is another of the user's accounts.
      case 'in': return { ...common, kind: 'universal-transfer', status: 'SUCCESS', usdtRate: m.rate, raw: { fromMemberId: `${100 + i}`, toMemberId: '1' } };
      case 'out': return { ...common, kind: 'universal-transfer', status: 'SUCCESS', raw: { fromMemberId: '1', toMemberId: `${100 + i}` } };
      // The exchange's record names the coin received as its asset, the coin given as the counter.
      case 'convert': return { ...common, kind: 'convert', status: null, asset: m.to, amount: m.toQty, counterAsset: m.asset, counterAmount: m.qty, usdtRate: m.toRate, counterUsdtRate: m.rate };
    }
  };

  /** A few moves before some fills: coins in and out (a small part of a holding, or more than it) and converts, some without a price. */
  function moves(specs: readonly FillSpec[], seed: number): MoveSpec[] {
    const r = rng(seed);
    const out: MoveSpec[] = [];
    const coins = ['BTC', 'ETH', 'SOL', 'MNT'];
    const price = () => `${1 + r(90_000)}.${r(100)}`;
    for (let i = 3; i < specs.length; i += 1 + r(5)) {
      let t = specs[i]!.at! - 0.5;
      const next = () => (t += 0.05);
      const asset = coins[r(4)]!;
      if (r(3) > 0) out.push({ t: next(), kind: r(2) === 0 ? 'deposit' : 'in', asset, qty: `${1 + r(50)}.${r(1000)}`, rate: r(8) === 0 ? null : price() });
      if (r(2) === 0) out.push({ t: next(), kind: r(2) === 0 ? 'withdrawal' : 'out', asset, qty: `0.${1 + r(900)}`, fee: r(2) === 0 ? null : '0.0001' });
      if (r(2) === 0) {
        const from = [...coins, 'USDT'][r(5)]!;
        const to = [...coins.filter((c) => c !== from), 'USDC'][r(4)]!;
        out.push({
          t: next(), kind: 'convert', id: `c${i}`, asset: from, qty: `0.${1 + r(900)}`, to, toQty: `${r(40)}.${1 + r(999)}`,
          rate: r(5) === 0 ? null : price(), toRate: r(5) === 0 ? null : price(),
        });
      }
    }
    // A lone transfer between accounts cannot tell which side this account is: give it company.
    if (out.filter((m) => m.kind === 'in' || m.kind === 'out').length === 1) out.push({ t: specs.at(-1)!.at! - 0.01, kind: 'out', asset: 'SOL', qty: '0.001', fee: null });
    return out;
  }

  for (const policy of ['market', 'unknown'] as const) {
    it(`over 1,000 random sequences with moves between the trades, deposits costed as ${policy}`, () => {
      let checked = 0;
      let converts = 0;
      let unknownResults = 0;
      for (let seed = 1; seed <= 1000; seed++) {
        const specs = sequence(seed + 50_000);
        const ms = moves(specs, seed);
        const { transfers, converts: cs } = costMovesOf(ms.map(cashFlow), BYBIT_FLOW_RULES);
        const app = computeCostBooks(specs.map(fill), transfers, policy, cs);
        const exp = oracle(specs, ms, policy);
        for (const [id, e] of exp.perFill) {
          expect(agrees(app.outcomes.get(id)?.realisedPnl ?? null, e.pnl), `seed ${seed} fill ${id} pnl ${app.outcomes.get(id)?.realisedPnl?.toString()}`).toBe(true);
          expect(agrees(app.outcomes.get(id)?.feeUsdt, e.fee), `seed ${seed} fill ${id} fee`).toBe(true);
          if (e.pnl === null) unknownResults += 1;
        }
        for (const [id, e] of exp.perConvert) {
          expect(agrees(app.convertOutcomes.get(id)?.realisedPnl ?? null, e), `seed ${seed} convert ${id} ${app.convertOutcomes.get(id)?.realisedPnl?.toString()}`).toBe(true);
          converts += 1;
        }
        for (const [asset, b] of exp.books) {
          const basis = app.basis.get(asset);
          expect(agrees(basis?.quantity, b.qty), `seed ${seed} ${asset} quantity ${basis?.quantity.toString()}`).toBe(true);
          expect(agrees(basis?.costedQuantity, b.costed), `seed ${seed} ${asset} costed quantity`).toBe(true);
          expect(agrees(basis?.average ?? null, b.costed.n === 0n ? null : div(b.cost, b.costed)), `seed ${seed} ${asset} average`).toBe(true);
          expect(basis?.partial, `seed ${seed} ${asset} partial`).toBe(b.costed.n !== b.qty.n || b.costed.d !== b.qty.d);
          expect(agrees(basis?.realisedPnl, exp.realised.get(asset) ?? ZERO), `seed ${seed} ${asset} realised`).toBe(true);
          expect(basis?.realisedPartial, `seed ${seed} ${asset} realised partial`).toBe(exp.realisedUnknown.has(asset));
        }
        checked += 1;
      }
      expect(checked).toBe(1000);
      // Both kinds of outcome are exercised: many converts, and results the books cannot know.
      expect(converts).toBeGreaterThan(1000);
      expect(unknownResults).toBeGreaterThan(policy === 'unknown' ? 1000 : 100);
    });
  }

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
