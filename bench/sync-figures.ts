import type { Core } from '../electron/core/core.js';
import type { RemoteFake } from './fake-process.js';
import { median, timeMs } from './stats.js';

export interface SyncFigures {
  cold: { ms: number; requests: number; dailyKlines: number; executionRequests: number; windows: number; perSecond: number; floorMs: number; byPath: Record<string, number> };
  warm: { ms: number; requests: number; floorMs: number; byPath: Record<string, number>; slowestAnswerMs: number };
}

/**
 * Cold first sync and warm syncs (nothing new) against the fake with injected latency.
 * Floors: warm = latency × the requests on the critical path — one, since a running app
 * keeps its client (and the exchange's clock offset) and sends all five reads at once;
 * cold = the history requests at the rate Bybit allows on that endpoint, plus the
 * round trips before (prices, key details) and after (price history) them.
 */
export async function measureSync(core: Core, server: RemoteFake, latencyMs: number): Promise<SyncFigures> {
  await server.clearRequests();
  const cold = await timeMs(() => core.sync.syncAll('bench'));
  if (!cold.value.ok) throw new Error(`cold sync failed: ${JSON.stringify(cold.value.accounts[0]?.error)}`);
  const coldCounts = await server.requestCounts();
  const dailyKlines = await server.countKlines('D');
  const executionRequests = coldCounts['/v5/execution/list'] ?? 0;
  const perSecond = 50; // the fake's (and Bybit's UTA) limit for /v5/execution/list
  const klines = (coldCounts['/v5/market/kline'] ?? 0) > 0 ? 1 : 0;
  const coldFloor = latencyMs * (2 + klines) + ((executionRequests - 1) / perSecond) * 1000 + latencyMs;

  const warmTimes: number[] = [];
  let warmRequests = 0;
  let warmByPath: Record<string, number> = {};
  const slowest: number[] = [];
  for (let i = 0; i < 7; i++) {
    // Syncs are minutes apart in real use; a pause keeps back-to-back runs from
    // queueing behind the Funding endpoint's 5-per-second limit.
    await new Promise((r) => setTimeout(r, 1000));
    await server.clearRequests();
    const warm = await timeMs(() => core.sync.syncAll('bench'));
    if (!warm.value.ok) throw new Error('warm sync failed');
    warmTimes.push(warm.ms);
    warmByPath = await server.requestCounts();
    warmRequests = Object.values(warmByPath).reduce((a, b) => a + b, 0);
    slowest.push(Math.max(...(await server.answerTimes())));
  }
  return {
    cold: { ms: cold.ms, requests: Object.values(coldCounts).reduce((a, b) => a + b, 0), dailyKlines, executionRequests, windows: 105, perSecond, floorMs: coldFloor, byPath: coldCounts },
    warm: { ms: median(warmTimes), requests: warmRequests, floorMs: latencyMs, byPath: warmByPath, slowestAnswerMs: median(slowest) },
  };
}
