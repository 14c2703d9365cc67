import { isCash } from '../../portfolio/cash.js';
import type { HistoryImport } from '../history-types.js';
import type { SpotMarket } from '../types.js';
import type { BybitApi } from './bybit-api.js';
import { splitDerivative } from './bybit-history.js';
import { fetchUsdtRates } from './bybit-usdt-rates.js';

/** A coin needed at an instant, and where its rate goes once known. */
interface Need {
  asset: string;
  t: number;
  set: (rate: string | null) => void;
}

/**
 * The USDT price at its minute (the close of its 1-minute candle, nearby minutes fetched
 * together) that each history record needs, stored with it so a later sync values it as
 * the first did; a cash coin is '1', a coin without a USDT market or a candle stays null
 * (the figure is then partial, never guessed):
 * - deposits and universal transfers: their coin (the market deposit policy; a transfer's
 *   direction is told later, over all of the account's transfers);
 * - converts between two coins: both coins (the coin given values the convert, the coin
 *   received stands in when the first has no price); with a cash side the value is exact
 *   and no price is asked for;
 * - closed P&L: the settle coin (USDT or USDC for linear contracts, the base of inverse);
 * - funding rows of the transaction log: their currency;
 * - derivative trades: their fee coin (an inverse contract's fee is in its base coin).
 */
export async function attachHistoryRates(api: BybitApi, h: HistoryImport, markets: ReadonlyMap<string, SpotMarket>): Promise<void> {
  const needs: Need[] = [];
  for (const f of h.cashFlows) {
    const t = f.occurredAt.getTime();
    if (f.kind === 'deposit' || f.kind === 'universal-transfer') needs.push({ asset: f.asset, t, set: (r) => { f.usdtRate = r; } });
    if (f.kind === 'convert' && f.counterAsset !== null && !isCash(f.asset) && !isCash(f.counterAsset)) {
      needs.push({ asset: f.asset, t, set: (r) => { f.usdtRate = r; } }, { asset: f.counterAsset, t, set: (r) => { f.counterUsdtRate = r; } });
    }
  }
  for (const p of h.closedPnl) {
    const category = p.category === 'inverse' ? 'inverse' : 'linear';
    const { base, quote } = splitDerivative(p.symbol, category);
    const settle = category === 'inverse' ? base : quote;
    if (settle === '') p.usdtRate = null;
    else needs.push({ asset: settle, t: p.createdAt.getTime(), set: (r) => { p.usdtRate = r; } });
  }
  for (const r of h.transactionLog) {
    if (r.funding !== null && r.funding !== '0') needs.push({ asset: r.currency, t: r.transactionTime.getTime(), set: (x) => { r.usdtRate = x; } });
  }
  for (const f of h.derivativeFills) {
    const coin = f.feeCurrency;
    if (coin !== null && f.fee !== null && f.fee !== '0') needs.push({ asset: coin, t: f.executedAt.getTime(), set: (r) => { f.feeUsdtRate = r; } });
  }
  const wanted = new Map<string, number[]>();
  for (const n of needs) {
    if (!isCash(n.asset) && markets.has(`${n.asset}USDT`)) wanted.set(n.asset, [...(wanted.get(n.asset) ?? []), n.t]);
  }
  const rate = await fetchUsdtRates(api, wanted);
  for (const n of needs) n.set(isCash(n.asset) ? '1' : rate(n.asset, n.t));
}
