import { describe, expect, it } from 'vitest';
import { DAY_MS, dayOf, flowsOfFills, reconstructDaily } from '../../../electron/core/portfolio/backfill.js';
import { costBasisAt, type CostBasis } from '../../../electron/core/portfolio/cost-basis.js';
import { dec } from '../../../electron/core/portfolio/decimal.js';
import { fill } from './fixtures.js';

const D0 = Date.UTC(2026, 0, 10);
const closes = (entries: Record<string, Array<[number, string]>>) =>
  new Map(Object.entries(entries).map(([asset, list]) => [asset, new Map(list.map(([day, c]) => [D0 + day * DAY_MS, dec(c)]))]));
const flow = (asset: string, delta: string, day: number, hour = 12) => ({ asset, delta: dec(delta), at: new Date(D0 + day * DAY_MS + hour * 3_600_000) });

describe('flowsOfFills', () => {
  it('turns a fill into its base leg, quote leg and fee', () => {
    const f = fill({ side: 'sell', symbol: 'ETH/BTC', qty: '2', price: '0.05', fee: '3', feeCcy: 'MNT', at: 5 });
    expect(flowsOfFills([f]).map((x) => [x.asset, x.delta.toString()])).toEqual([['ETH', '-2'], ['BTC', '0.1'], ['MNT', '-3']]);
  });
});

describe('reconstructDaily', () => {
  it('walks back from today, undoing each day\'s flows after its close', () => {
    const points = reconstructDaily({
      current: new Map([['BTC', dec('1')], ['USDT', dec('500')]]),
      flows: [flow('BTC', '0.4', 1), flow('USDT', '-20000', 1), flow('BTC', '0.6', 2, 23)],
      closes: closes({ BTC: [[0, '50000'], [1, '51000'], [2, '52000']] }),
      firstDay: D0, lastDay: D0 + 2 * DAY_MS,
    });
    // Day 2 ends with today's holdings; day 1 before the 0.6 BTC; day 0 before the 0.4 BTC buy.
    expect(points.map((p) => [p.day, p.value.toString(), p.estimated])).toEqual([
      [D0, '20500', false],
      [D0 + DAY_MS, String(0.4 * 51000 + 500), false],
      [D0 + 2 * DAY_MS, String(52000 + 500), false],
    ]);
  });

  it('marks a day estimated where a balance would be negative, and counts it as zero', () => {
    const points = reconstructDaily({
      current: new Map([['USDT', dec('100')]]),
      flows: [flow('USDT', '500', 1)],
      closes: new Map(), firstDay: D0, lastDay: D0 + DAY_MS,
    });
    expect(points.map((p) => [p.value.toString(), p.estimated])).toEqual([['0', true], ['100', false]]);
  });

  it('leaves out a coin with no close that day; cash without a close counts at par', () => {
    const points = reconstructDaily({
      current: new Map([['FOO', dec('10')], ['USDC', dec('7')], ['ETH', dec('1')]]),
      flows: [], closes: closes({ ETH: [[0, '3000']] }), firstDay: D0, lastDay: D0 + DAY_MS,
    });
    expect(points.map((p) => p.value.toString())).toEqual(['3007', '7']);
  });

  it('a flow at the very start of a day belongs to that day, not to the one before', () => {
    const points = reconstructDaily({
      current: new Map([['USDT', dec('300')]]),
      flows: [flow('USDT', '200', 1, 0)],
      closes: new Map(), firstDay: D0, lastDay: D0 + DAY_MS,
    });
    expect(points.map((p) => p.value.toString())).toEqual(['100', '300']);
  });

  it('USDT is the unit: it counts at 1 even where a close is listed for it', () => {
    const points = reconstructDaily({
      current: new Map([['USDT', dec('10')]]),
      flows: [], closes: closes({ USDT: [[0, '0.5']] }), firstDay: D0, lastDay: D0,
    });
    expect(points.map((p) => p.value.toString())).toEqual(['10']);
  });

  it('dayOf is the UTC day start', () => {
    expect(dayOf(D0 + 5)).toBe(D0);
    expect(dayOf(D0 - 1)).toBe(D0 - DAY_MS);
  });

  it('lists what each day ends with, at that day\'s close (none: null); nothing and negative balances are not held', () => {
    const points = reconstructDaily({
      current: new Map([['BTC', dec('1')], ['XNOP', dec('5')], ['ETH', dec('0')], ['USDT', dec('10')]]),
      flows: [flow('USDT', '30', 1)],
      closes: closes({ BTC: [[0, '50000'], [1, '51000']] }), firstDay: D0, lastDay: D0 + DAY_MS,
    });
    const list = (i: number) => points[i]!.held.map((h) => [h.asset, h.quantity.toString(), h.price?.toString() ?? null]);
    expect(list(0)).toEqual([['BTC', '1', '50000'], ['XNOP', '5', null]]);
    expect(list(1)).toEqual([['BTC', '1', '51000'], ['XNOP', '5', null], ['USDT', '10', '1']]);
  });

  it('costs each day\'s holdings by the books at that day\'s end', () => {
    // Bought 1 BTC for 40,000 on day 0, 1 more for 50,000 on day 1 (the flows undo it going back).
    const buys = [
      { id: 'a', executedAt: new Date(D0 + 3_600_000), base: 'BTC', quote: 'USDT', side: 'buy' as const, price: dec('40000'), quantity: dec('1'), fee: null, feeCurrency: null, quoteUsdtRate: null, feeUsdtRate: null },
      { id: 'b', executedAt: new Date(D0 + DAY_MS + 3_600_000), base: 'BTC', quote: 'USDT', side: 'buy' as const, price: dec('50000'), quantity: dec('1'), fee: null, feeCurrency: null, quoteUsdtRate: null, feeUsdtRate: null },
    ];
    const days = [D0, D0 + DAY_MS];
    const atEnd = costBasisAt(buys, [], 'unknown', days.map((d) => d + DAY_MS));
    const points = reconstructDaily({
      current: new Map([['BTC', dec('2')]]),
      flows: flowsOfFills(buys).filter((f) => f.asset === 'BTC'),
      closes: closes({ BTC: [[0, '45000'], [1, '60000']] }), firstDay: D0, lastDay: D0 + DAY_MS,
      books: new Map(days.map((d, i) => [d, atEnd[i]!] as [number, Map<string, CostBasis>])),
    });
    expect(points.map((p) => [p.cost.cost?.toString(), p.cost.costedValue?.toString(), p.cost.partial])).toEqual([
      ['40000', '45000', false],
      ['90000', '120000', false],
    ]);
  });

  it('without books, coins held have no known cost: unknown, not 0; cash alone costs 0', () => {
    const points = reconstructDaily({
      current: new Map([['USDT', dec('10')], ['BTC', dec('1')]]),
      flows: [flow('BTC', '1', 1)],
      closes: closes({ BTC: [[1, '50000']] }), firstDay: D0, lastDay: D0 + DAY_MS,
    });
    expect(points.map((p) => [p.cost.cost?.toString() ?? null, p.cost.partial])).toEqual([['0', false], [null, true]]);
  });
});
