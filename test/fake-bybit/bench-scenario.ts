// The benchmark account: many assets, a long fill history, a few positions.
// Seeded, so a given (options, now) always produces the same account.
import { cmp, format, mul, parse, sub, div } from './decimal.js';
import { defaultTick, priceAt } from './prices.js';
import type { DerivativeMarket, EarnPosition, Fill, FundCoinBalance, Position, Scenario, SpotMarket, TradingCoinBalance } from './scenario-types.js';

/** Options of {@link benchScenario}. */
export interface BenchScenarioOptions {
  /** Coins held, USDT included. Default 40. */
  assets?: number;
  /** Spot fills. Default 2000. */
  fills?: number;
  /** Days the fills are spread over, ending now. Default 400. */
  days?: number;
  /** Open linear USDT positions. Default 5. */
  positions?: number;
  /** Open inverse positions (in the first coins). Default 2. */
  inversePositions?: number;
  seed?: number;
  now?: number;
}

const DAY = 86_400_000;
const QTY_PLACES = 6;

// Roughly realistic price levels; the coins beyond this list get synthetic names.
const COINS: Array<[string, string]> = [
  ['BTC', '90000'], ['ETH', '3000'], ['SOL', '150'], ['XRP', '2.2'], ['DOGE', '0.16'], ['MNT', '1.3'],
  ['ADA', '0.45'], ['AVAX', '14'], ['DOT', '3.2'], ['LINK', '13'], ['LTC', '85'], ['BCH', '450'],
  ['TRX', '0.28'], ['POL', '0.2'], ['ATOM', '3.5'], ['UNI', '6'], ['NEAR', '2.3'], ['APT', '4.5'],
  ['ARB', '0.3'], ['OP', '0.5'], ['FIL', '2.2'], ['ICP', '4.5'], ['ETC', '14'], ['XLM', '0.25'],
  ['HBAR', '0.15'], ['VET', '0.02'], ['ALGO', '0.15'], ['SAND', '0.17'], ['MANA', '0.2'], ['AAVE', '180'],
  ['INJ', '8'], ['SUI', '1.6'], ['SEI', '0.15'], ['TIA', '1.1'], ['RUNE', '0.8'], ['GALA', '0.008'],
  ['CRV', '0.45'], ['LDO', '0.7'], ['ENA', '0.3'],
];

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`index ${index} out of range`);
  return item;
}

function coinList(count: number): Array<[string, string]> {
  const list = COINS.slice(0, Math.max(0, count - 1));
  for (let i = list.length; i < count - 1; i++) list.push([`SYN${String(i).padStart(3, '0')}`, '1']);
  return list;
}

/** The benchmark account: `assets` coins in UNIFIED, FUND and Earn, `fills` spot fills over `days`, `positions` linear and `inversePositions` inverse positions. */
export function benchScenario(options: BenchScenarioOptions = {}): Scenario {
  const { assets = 40, fills: fillCount = 2000, days = 400, positions: positionCount = 5, inversePositions: inverseCount = 2, seed = 1, now = Date.now() } = options;
  const random = prng(seed);
  const coins = coinList(assets);
  const spot: SpotMarket[] = coins.map(([coin, price]) => ({
    symbol: `${coin}USDT`, baseCoin: coin, quoteCoin: 'USDT', status: 'Trading', lastPrice: price,
    prevPrice24h: mul(price, '0.98', 10), tickSize: defaultTick(price),
    wave: { amplitude: 0.15 + random() * 0.2, periodDays: 60 + Math.floor(random() * 120), phase: random() * 6.283 },
  }));
  const byCoin = new Map(spot.map((m) => [m.baseCoin, m]));
  const held = new Map<string, bigint>(coins.map(([coin]) => [coin, 0n]));
  const mnt = byCoin.get('MNT');

  const fills: Fill[] = [];
  const span = days * DAY;
  for (let i = 0; i < fillCount; i++) {
    const execTime = Math.floor(now - span + ((i + random()) * span) / fillCount);
    // The first pass buys every coin once, so each ends up held and explained by fills.
    const coin = pick(coins, i < coins.length ? i : Math.floor(random() * coins.length))[0];
    const market = byCoin.get(coin);
    if (!market) throw new Error(`no market for ${coin}`);
    const price = priceAt(market, execTime);
    const have = held.get(coin) ?? 0n;
    const sell = i >= coins.length && have > 0n && random() < 0.35;
    const notional = String(50 + Math.floor(random() * 1950));
    let qty = div(notional, price, QTY_PLACES);
    if (sell) qty = format((have * BigInt(Math.floor(10 + random() * 40))) / 100n, QTY_PLACES);
    if (cmp(qty, '0') <= 0) qty = '0.000001';
    const fill: Fill = { category: 'spot', symbol: market.symbol, side: sell ? 'Sell' : 'Buy', execQty: qty, execPrice: price, execTime, isMaker: random() < 0.4 };
    const fee = mul(sell ? mul(qty, price) : qty, '0.001', 10);
    const mntPrice = mnt ? priceAt(mnt, execTime) : undefined;
    const mntFee = mntPrice ? div(mul(mul(qty, price), '0.001'), mntPrice, 8) : undefined;
    // About one fill in twenty pays its fee in MNT, when enough MNT is held.
    if (mntFee && coin !== 'MNT' && random() < 0.05 && (held.get('MNT') ?? 0n) > parse(mntFee) * 2n) {
      fill.execFee = mntFee;
      fill.feeCurrency = 'MNT';
      held.set('MNT', (held.get('MNT') ?? 0n) - parse(mntFee));
      held.set(coin, have + (sell ? -parse(qty) : parse(qty)));
    } else {
      held.set(coin, have + (sell ? -parse(qty) : parse(qty) - parse(fee)));
    }
    fills.push(fill);
  }

  // Holdings are exactly what the fills explain, a fifth of it parked in FUND.
  const unified: TradingCoinBalance[] = [{ coin: 'USDT', walletBalance: '25000' }];
  const fund: FundCoinBalance[] = [{ coin: 'USDT', walletBalance: '5000' }];
  for (const [coin] of coins) {
    const total = format(held.get(coin) ?? 0n);
    const inFund = mul(total, '0.2', QTY_PLACES + 2);
    unified.push({ coin, walletBalance: sub(total, inFund) });
    fund.push({ coin, walletBalance: inFund });
  }

  // Every fourth coin parks a tenth of its Unified balance in Flexible Saving, some others in On-chain staking.
  const earn: EarnPosition[] = [];
  coins.forEach(([coin], i) => {
    const category = i % 4 === 1 ? 'FlexibleSaving' : i % 7 === 2 ? 'OnChain' : null;
    const wallet = unified.find((c) => c.coin === coin);
    if (!category || !wallet) return;
    const amount = mul(wallet.walletBalance, '0.1', QTY_PLACES + 3);
    if (cmp(amount, '0') <= 0) return;
    wallet.walletBalance = sub(wallet.walletBalance, amount);
    earn.push({ category, coin, productId: String(100 + i), amount });
  });

  const derivatives: DerivativeMarket[] = [];
  const positions: Position[] = [];
  for (const [coin, price] of coins.slice(0, positionCount)) {
    const symbol = `${coin}USDT`;
    derivatives.push({
      category: 'linear', symbol, contractType: 'LinearPerpetual', baseCoin: coin, quoteCoin: 'USDT', settleCoin: 'USDT',
      status: 'Trading', lastPrice: price, markPrice: price, tickSize: defaultTick(price), qtyStep: '0.001',
    });
    const long = positions.length % 2 === 0;
    positions.push({
      category: 'linear', symbol, side: long ? 'Buy' : 'Sell', size: div(String(500 + Math.floor(random() * 4500)), price, 3),
      avgPrice: mul(price, long ? '0.95' : '1.05', 10), leverage: long ? '5' : '10', createdTime: now - (positions.length + 1) * 3 * DAY,
    });
  }
  // Two inverse positions, settled in their own coins.
  for (const [coin, price] of coins.slice(0, Math.min(inverseCount, coins.length))) {
    derivatives.push({
      category: 'inverse', symbol: `${coin}USD`, contractType: 'InversePerpetual', baseCoin: coin, quoteCoin: 'USD', settleCoin: coin,
      status: 'Trading', lastPrice: price, markPrice: price, tickSize: defaultTick(price),
    });
    positions.push({
      category: 'inverse', symbol: `${coin}USD`, side: 'Buy', size: String(1000 + Math.floor(random() * 9000)), avgPrice: mul(price, '0.97', 10),
      leverage: '2', createdTime: now - (positions.length + 1) * 3 * DAY,
    });
  }
  return { name: 'bench', accountMode: 'uta', userId: 200_002, spot, derivatives, wallets: { UNIFIED: unified, FUND: fund, SPOT: [], CONTRACT: [] }, fills, positions, earn };
}
