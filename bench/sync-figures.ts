import type { Core } from '../electron/core/core.js';
import type { RemoteFake } from './fake-process.js';
import { coldFloor, type ColdFloor } from './cold-floor.js';
import { median, timeMs } from './stats.js';

/** Two years: what the first sync imports. */
const HISTORY_DAYS = 730;

export interface SyncFigures {
  cold: { ms: number; requests: number; dailyKlines: number; floor: ColdFloor; byPath: Record<string, number> };
  warm: { ms: number; requests: number; floorMs: number; byPath: Record<string, number>; slowestAnswerMs: number };
}

/**
 * Cold first sync and warm syncs (nothing new) against the fake with injected latency.
 * Floors: warm = latency × the requests on the critical path — one, since a running app
 * keeps its client (and the exchange's clock offset) and sends every read at once;
 * cold = the slowest history endpoint's needed requests at the rate Bybit allows on it
 * (`limits`, the fake's), plus the round trips before and after them ({@link coldFloor}).
 */
export async function measureSync(core: Core, server: RemoteFake, latencyMs: number, limits: Readonly<Record<string, number>>): Promise<SyncFigures> {
  await server.clearRequests();
  const cold = await timeMs(() => core.sync.syncAll('bench'));
  if (!cold.value.ok) throw new Error(`cold sync failed: ${JSON.stringify(cold.value.accounts[0]?.error)}`);
  const coldCounts = await server.requestCounts();
  const dailyKlines = await server.countKlines('D');
  const floor = coldFloor(await server.requests(), limits, HISTORY_DAYS, latencyMs);

  const warmTimes: number[] = [];
  let warmRequests = 0;
  let warmByPath: Record<string, number> = {};
  const slowest: number[] = [];
  for (let i = 0; i < 7; i++) {
    // Syncs are minutes apart in real use; a pause longer than the slowest endpoint's
    // window (the inter-transfer list: one request a second, plus the gate's 250 ms to
    // spare) keeps back-to-back runs from queueing behind it.
    await new Promise((r) => setTimeout(r, 2500));
    await server.clearRequests();
    const warm = await timeMs(() => core.sync.syncAll('bench'));
    if (!warm.value.ok) throw new Error('warm sync failed');
    warmTimes.push(warm.ms);
    warmByPath = await server.requestCounts();
    warmRequests = Object.values(warmByPath).reduce((a, b) => a + b, 0);
    slowest.push(Math.max(...(await server.answerTimes())));
  }
  return {
    cold: { ms: cold.ms, requests: Object.values(coldCounts).reduce((a, b) => a + b, 0), dailyKlines, floor, byPath: coldCounts },
    warm: { ms: median(warmTimes), requests: warmRequests, floorMs: latencyMs, byPath: warmByPath, slowestAnswerMs: median(slowest) },
  };
}
