// The small, hand-checkable account. Times are relative to `now`, so the same fills
// stay inside the API's reach whenever the tests run.
import { derivativeFills, smallHistory } from './history-scenario.js';
import type { DerivativeMarket, Fill, PriceStep, Scenario, SpotMarket } from './scenario-types.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

function steps(now: number, points: Array<[daysAgo: number, price: string]>): PriceStep[] {
  return points.map(([daysAgo, price]) => ({ from: now - daysAgo * DAY, price }));
}

function spot(symbol: string, baseCoin: string, quoteCoin: string, lastPrice: string, extra: Partial<SpotMarket> = {}): SpotMarket {
  return { symbol, baseCoin, quoteCoin, status: 'Trading', lastPrice, ...extra };
}

function perp(category: 'linear' | 'inverse', symbol: string, baseCoin: string, lastPrice: string, markPrice: string): DerivativeMarket {
  const linear = category === 'linear';
  return {
    category,
    symbol,
    contractType: linear ? 'LinearPerpetual' : 'InversePerpetual',
    baseCoin,
    quoteCoin: linear ? 'USDT' : 'USD',
    settleCoin: linear ? 'USDT' : baseCoin,
    status: 'Trading',
    lastPrice,
    markPrice,
    tickSize: linear ? '0.1' : '0.5',
  };
}

/**
 * A hand-checkable UTA account. Holdings: BTC 0.5 (0.4 UNIFIED + 0.1 FUND), ETH 2.997,
 * USDT 5000 + 250 FUND, USDC 1000, MNT 49.94, QBIT 1000 (priced only through QBITBTC),
 * XNOP 123 (no market at all). Visible spot fills explain BTC, ETH and MNT exactly:
 *
 * | days ago | fill | fee |
 * | --- | --- | --- |
 * | 800, 790 | buy 1 BTC @ 20000, sell 1 BTC @ 25000 (older than 2 years: never returned) | |
 * | 60 | buy 0.4 BTC @ 40000 on BTCUSDT | 0.0004 BTC |
 * | 50 | buy 60 MNT @ 1.25 on MNTUSDT | 0.06 MNT |
 * | 45 | buy 0.2 BTC @ 65000 on BTCUSDC | 10 MNT (MNT was 1.30) |
 * | 30 | sell 0.0396 BTC @ 80000 on BTCUSDT | 3.168 USDT |
 * | 20 | buy 2 ETH @ 0.03 on ETHBTC (BTC was 60000) | 0.002 ETH |
 * | 12 | buy 1 ETH @ 2500 on ETHUSDT (maker) | 0.001 ETH |
 * | 10 | linear buy 0.1 BTCUSDT @ 85000 | 4.675 USDT |
 *
 * Derivative round trips, closed P&L, funding, deposits, withdrawals, transfers and a
 * convert: test/fake-bybit/history-scenario.ts.
 *
 * One open linear position: long 0.1 BTCUSDT @ 85000, 10x, mark 90000 → IM 850, uPnL 500 USDT.
 */
export function smallScenario(now: number = Date.now()): Scenario {
  const at = (daysAgo: number, hours = 3): number => now - daysAgo * DAY + hours * HOUR;
  const btcHistory: Array<[number, string]> = [[61, '40000'], [46, '65000'], [31, '80000'], [21, '60000'], [2, '90000']];
  const fills: Fill[] = [
    { category: 'spot', symbol: 'BTCUSDT', side: 'Buy', execQty: '1', execPrice: '20000', execTime: at(800) },
    { category: 'spot', symbol: 'BTCUSDT', side: 'Sell', execQty: '1', execPrice: '25000', execTime: at(790) },
    { category: 'spot', symbol: 'BTCUSDT', side: 'Buy', execQty: '0.4', execPrice: '40000', execTime: at(60) },
    { category: 'spot', symbol: 'MNTUSDT', side: 'Buy', execQty: '60', execPrice: '1.25', execTime: at(50) },
    {
      category: 'spot', symbol: 'BTCUSDC', side: 'Buy', execQty: '0.2', execPrice: '65000', execTime: at(45),
      execFee: '10', feeCurrency: 'MNT',
    },
    { category: 'spot', symbol: 'BTCUSDT', side: 'Sell', execQty: '0.0396', execPrice: '80000', execTime: at(30) },
    { category: 'spot', symbol: 'ETHBTC', side: 'Buy', execQty: '2', execPrice: '0.03', execTime: at(20) },
    { category: 'spot', symbol: 'ETHUSDT', side: 'Buy', execQty: '1', execPrice: '2500', execTime: at(12), isMaker: true },
    { category: 'linear', symbol: 'BTCUSDT', side: 'Buy', execQty: '0.1', execPrice: '85000', execTime: at(10), closedSize: '0' },
    ...derivativeFills(at),
  ];
  return {
    name: 'small',
    accountMode: 'uta',
    userId: 100_001,
    spot: [
      spot('BTCUSDT', 'BTC', 'USDT', '90000', { prevPrice24h: '88000', tickSize: '0.01', history: steps(now, btcHistory) }),
      spot('ETHUSDT', 'ETH', 'USDT', '3000', {
        prevPrice24h: '2950', tickSize: '0.01',
        history: steps(now, [[61, '2000'], [21, '1800'], [13, '2500'], [2, '3000']]),
      }),
      spot('BTCUSDC', 'BTC', 'USDC', '90000', { tickSize: '0.01', history: steps(now, btcHistory) }),
      spot('ETHUSDC', 'ETH', 'USDC', '3000', { tickSize: '0.01' }),
      spot('USDCUSDT', 'USDC', 'USDT', '1', { tickSize: '0.0001' }),
      spot('ETHBTC', 'ETH', 'BTC', '0.03333', { tickSize: '0.00001', history: steps(now, [[21, '0.03'], [2, '0.03333']]) }),
      spot('MNTUSDT', 'MNT', 'USDT', '1.3', { tickSize: '0.0001', history: steps(now, [[51, '1.25'], [47, '1.3']]) }),
      spot('QBITBTC', 'QBIT', 'BTC', '0.00002', { tickSize: '0.00000001' }),
      spot('SOLUSDT', 'SOL', 'USDT', '150', { tickSize: '0.01' }),
    ],
    derivatives: [
      perp('linear', 'BTCUSDT', 'BTC', '90010', '90000'),
      perp('linear', 'ETHUSDT', 'ETH', '3001', '3000'),
      perp('inverse', 'BTCUSD', 'BTC', '90020', '90000'),
    ],
    wallets: {
      UNIFIED: [
        { coin: 'BTC', walletBalance: '0.4' },
        { coin: 'ETH', walletBalance: '2.997' },
        { coin: 'USDT', walletBalance: '5000' },
        { coin: 'USDC', walletBalance: '1000' },
        { coin: 'MNT', walletBalance: '49.94' },
        { coin: 'QBIT', walletBalance: '1000' },
        { coin: 'XNOP', walletBalance: '123' },
      ],
      FUND: [
        { coin: 'BTC', walletBalance: '0.1' },
        { coin: 'USDT', walletBalance: '250' },
      ],
      SPOT: [],
      CONTRACT: [],
    },
    fills,
    positions: [
      { category: 'linear', symbol: 'BTCUSDT', side: 'Buy', size: '0.1', avgPrice: '85000', leverage: '10', createdTime: at(10) },
    ],
    history: smallHistory(at),
  };
}

/** The small account as a classic (non-UTA) account: SPOT and CONTRACT wallets instead of UNIFIED. */
export function classicScenario(now: number = Date.now()): Scenario {
  const s = smallScenario(now);
  return {
    ...s,
    name: 'classic',
    accountMode: 'classic',
    wallets: { UNIFIED: [], FUND: s.wallets.FUND, SPOT: s.wallets.UNIFIED.filter((c) => c.coin !== 'USDT'), CONTRACT: [{ coin: 'USDT', walletBalance: '5000' }] },
  };
}

/**
 * The whole portfolio: the small account plus Earn (Flexible Saving USDT 1000 and BTC
 * 0.05, a fully redeemed ETH position, On-chain ETH 1.5 and SOL 20, and 10 USDT in a
 * product type the app does not know), USDC at 0.9998 USDT, and three open positions:
 *
 * | position | unrealised P&L |
 * | --- | --- |
 * | linear BTCUSDT long 0.1 @ 85000, mark 90000 | 500 USDT |
 * | linear ETHPERP (USDC) short 2 @ 3150, mark 3000 | 300 USDC |
 * | inverse BTCUSD long 10000 USD @ 80000, mark 90000 | 0.01388889 BTC |
 *
 * The Earn coins came in as deposits a week ago (then subscribed: a move between the
 * account's own products, which the transaction log lists and the reconciliation does not
 * count), so every balance stays explained: USDT 1000 + 10, BTC 0.05, ETH 1.5, SOL 20.
 */
export function wholeScenario(now: number = Date.now()): Scenario {
  const s = smallScenario(now);
  const history = s.history!;
  const earnDeposit = (id: string, coin: string, amount: string, daysAgo: number) => ({
    id, coin, chain: 'ETH', amount, txID: `0xea${id.padStart(62, '0')}`, status: 3, toAddress: '0xfake00000000000000000000000000000000000001', depositFee: '', successAt: now - daysAgo * DAY,
  });
  const usdcPerp: DerivativeMarket = {
    category: 'linear', symbol: 'ETHPERP', contractType: 'LinearPerpetual', baseCoin: 'ETH', quoteCoin: 'USDC', settleCoin: 'USDC',
    status: 'Trading', lastPrice: '3001', markPrice: '3000', tickSize: '0.01',
  };
  return {
    ...s,
    name: 'whole',
    spot: s.spot.map((m) => (m.symbol === 'USDCUSDT' ? { ...m, lastPrice: '0.9998' } : m)),
    derivatives: [...s.derivatives, usdcPerp],
    positions: [
      ...s.positions,
      { category: 'linear', symbol: 'ETHPERP', side: 'Sell', size: '2', avgPrice: '3150', leverage: '5', createdTime: now - 5 * DAY },
      { category: 'inverse', symbol: 'BTCUSD', side: 'Buy', size: '10000', avgPrice: '80000', leverage: '2', createdTime: now - 4 * DAY },
    ],
    earn: [
      { category: 'FlexibleSaving', coin: 'USDT', productId: '1', amount: '1000', claimableYield: '0.12' },
      { category: 'FlexibleSaving', coin: 'BTC', productId: '3', amount: '0.05' },
      { category: 'FlexibleSaving', coin: 'ETH', productId: '4', amount: '0' },
      { category: 'FlexibleSaving', coin: 'USDT', productId: '77', amount: '10', rowCategory: 'DualAsset' },
      { category: 'OnChain', coin: 'ETH', productId: '8', amount: '1.5', totalPnl: '0.004' },
      { category: 'OnChain', coin: 'SOL', productId: '9', amount: '20' },
    ],
    history: {
      ...history,
      deposits: [...history.deposits, earnDeposit('2001', 'USDT', '1010', 7), earnDeposit('2002', 'BTC', '0.05', 7), earnDeposit('2003', 'ETH', '1.5', 7), earnDeposit('2004', 'SOL', '20', 7)],
      transactionLog: [...history.transactionLog,
        { id: 'tl-0101', category: '', symbol: '', side: 'None', type: 'FLEXIBLE_STAKING_SUBSCRIPTION', currency: 'USDT', change: '-1000', cashBalance: '4250', transactionTime: now - 6 * DAY }],
    },
  };
}
