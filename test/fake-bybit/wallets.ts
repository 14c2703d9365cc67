// Wallet endpoints: /v5/account/wallet-balance (UNIFIED, or SPOT/CONTRACT on a classic
// account) and the Funding wallet through /v5/asset/transfer/*.
import { add, div, isZero, mul, sub, sum } from './decimal.js';
import { paramsError } from './envelope.js';
import { isOpen, positionFigures } from './positions.js';
import { usdtPrice } from './prices.js';
import type { HandlerContext } from './route-types.js';
import type { Scenario, TradingCoinBalance } from './scenario-types.js';

function coinList(raw: string | undefined): string[] | null {
  return raw ? raw.split(',').map((c) => c.trim()).filter((c) => c !== '') : null;
}

/** Sums the open positions settled in `coin` (the app skips position calls when these are zero). */
function positionTotals(scenario: Scenario, coin: string): { im: string; mm: string; upnl: string } {
  const figures = scenario.positions.filter(isOpen).map((p) => positionFigures(scenario, p)).filter((f) => f.settleCoin === coin);
  return {
    im: sum(figures.map((f) => f.positionIM)),
    mm: sum(figures.map((f) => f.positionMM)),
    upnl: sum(figures.map((f) => f.unrealisedPnl)),
  };
}

interface CoinView {
  view: Record<string, unknown>;
  usdValue: string;
  walletUsd: string;
  im: string;
  mm: string;
  upnl: string;
}

function tradingCoinView(scenario: Scenario, c: TradingCoinBalance, accountType: string): CoinView {
  const totals = accountType === 'SPOT' ? { im: '0', mm: '0', upnl: '0' } : positionTotals(scenario, c.coin);
  const im = c.totalPositionIM ?? totals.im;
  const mm = c.totalPositionMM ?? totals.mm;
  const upnl = c.unrealisedPnl ?? totals.upnl;
  const equity = add(c.walletBalance, upnl);
  // Bybit reports 0 for coins it cannot value; the unpriced coin shows that.
  const price = usdtPrice(scenario, c.coin) ?? '0';
  const locked = c.locked ?? '0';
  const view: Record<string, unknown> = {
    coin: c.coin,
    equity,
    usdValue: mul(equity, price, 8),
    walletBalance: c.walletBalance,
    locked,
    spotHedgingQty: '0',
    borrowAmount: c.borrowAmount ?? '0',
    // Deprecated by Bybit for UTA and returned empty; ccxt then derives `used` from locked + IM.
    availableToBorrow: '',
    availableToWithdraw: '',
    accruedInterest: c.accruedInterest ?? '0',
    totalOrderIM: c.totalOrderIM ?? '0',
    totalPositionIM: im,
    totalPositionMM: mm,
    unrealisedPnl: upnl,
    cumRealisedPnl: c.cumRealisedPnl ?? '0',
    bonus: c.bonus ?? '0',
    marginCollateral: true,
    collateralSwitch: true,
    spotBorrow: '0',
  };
  if (accountType === 'SPOT') view.free = sub(c.walletBalance, locked);
  return { view, usdValue: mul(equity, price, 8), walletUsd: mul(c.walletBalance, price, 8), im, mm, upnl };
}

export function walletBalance(ctx: HandlerContext): unknown {
  const { scenario } = ctx;
  const accountType = ctx.query.accountType;
  if (!accountType) throw paramsError('params error: accountType is required');
  const allowed = scenario.accountMode === 'uta' ? ['UNIFIED'] : ['SPOT', 'CONTRACT'];
  if (!allowed.includes(accountType)) throw paramsError(`accountType only support ${allowed.join(', ')}.`);
  const wanted = coinList(ctx.query.coin);
  const coins = scenario.wallets[accountType as 'UNIFIED' | 'SPOT' | 'CONTRACT'];
  // Without `coin`, Bybit lists the non-zero coins only.
  const chosen = coins.filter((c) => (wanted ? wanted.includes(c.coin) : !isZero(c.walletBalance)));
  const views = chosen.map((c) => tradingCoinView(scenario, c, accountType));
  const totalEquity = sum(views.map((v) => v.usdValue));
  const totalIM = sum(views.map((v) => mul(v.im, usdtPrice(scenario, String(v.view.coin)) ?? '0', 8)));
  const totalMM = sum(views.map((v) => mul(v.mm, usdtPrice(scenario, String(v.view.coin)) ?? '0', 8)));
  const unified = accountType === 'UNIFIED';
  const account = {
    accountType,
    accountLTV: '0',
    accountIMRate: unified && !isZero(totalEquity) ? div(totalIM, totalEquity, 4) : '',
    accountMMRate: unified && !isZero(totalEquity) ? div(totalMM, totalEquity, 4) : '',
    totalEquity: unified ? totalEquity : '',
    totalWalletBalance: unified ? sum(views.map((v) => v.walletUsd)) : '',
    totalMarginBalance: unified ? totalEquity : '',
    totalAvailableBalance: unified ? sub(totalEquity, totalIM) : '',
    totalPerpUPL: unified ? sum(views.map((v) => mul(v.upnl, usdtPrice(scenario, String(v.view.coin)) ?? '0', 8))) : '',
    totalInitialMargin: unified ? totalIM : '',
    totalMaintenanceMargin: unified ? totalMM : '',
    accountIMRateByMp: '',
    accountMMRateByMp: '',
    totalInitialMarginByMp: '',
    totalMaintenanceMarginByMp: '',
    coin: views.map((v) => v.view),
  };
  return { list: [account] };
}

function requireFund(ctx: HandlerContext): void {
  const accountType = ctx.query.accountType;
  if (!accountType) throw paramsError('params error: accountType is required');
  // Only the Funding wallet is modelled on these endpoints; that is all the app reads here.
  if (accountType !== 'FUND') throw paramsError(`params error: accountType ${accountType} is not supported by the fake`);
}

function fundView(c: { coin: string; walletBalance: string; transferBalance?: string; bonus?: string }): Record<string, string> {
  return { coin: c.coin, transferBalance: c.transferBalance ?? c.walletBalance, walletBalance: c.walletBalance, bonus: c.bonus ?? '' };
}

export function allCoinsBalance(ctx: HandlerContext): unknown {
  requireFund(ctx);
  const wanted = coinList(ctx.query.coin);
  const list = ctx.scenario.wallets.FUND.filter((c) => (wanted ? wanted.includes(c.coin) : !isZero(c.walletBalance)));
  return { memberId: String(ctx.scenario.userId), accountType: 'FUND', balance: list.map(fundView) };
}

export function singleCoinBalance(ctx: HandlerContext): unknown {
  requireFund(ctx);
  const coin = ctx.query.coin;
  if (!coin) throw paramsError('params error: coin is required');
  const found = ctx.scenario.wallets.FUND.find((c) => c.coin === coin) ?? { coin, walletBalance: '0' };
  return {
    accountType: 'FUND',
    bizType: 1,
    accountId: String(ctx.scenario.userId * 10 + 1),
    memberId: String(ctx.scenario.userId),
    balance: { ...fundView(found), transferSafeAmount: '', ltvTransferSafeAmount: '' },
  };
}
