// The benchmark's OKX account: the small scenario plus many spot fills spread over three months.
import { smallOkxScenario, type OkxFill, type OkxScenario } from './scenario.js';

const DAY = 86_400_000;

/** `fills` spot fills on BTC-USDT and ETH-USDT, evenly over the last 89 days, alternating buys and sells. */
export function okxBenchScenario(fills = 2000, now: number = Date.now()): OkxScenario {
  const s = smallOkxScenario(now);
  const extra: OkxFill[] = [];
  for (let i = 0; i < fills; i++) {
    const eth = i % 2 === 1;
    const buy = i % 4 < 2;
    const billId = String(100_000 + i);
    extra.push({
      instType: 'SPOT', instId: eth ? 'ETH-USDT' : 'BTC-USDT', tradeId: `b${i}`, ordId: `bo${i}`, billId, side: buy ? 'buy' : 'sell',
      fillSz: eth ? '0.1' : '0.001', fillPx: eth ? '3000' : '90000', fee: buy ? (eth ? '-0.0001' : '-0.000001') : '-0.09', feeCcy: buy ? (eth ? 'ETH' : 'BTC') : 'USDT',
      ts: now - 89 * DAY + Math.floor((i * 89 * DAY) / fills),
    });
  }
  return { ...s, fills: [...s.fills, ...extra] };
}
