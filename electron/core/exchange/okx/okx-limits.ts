import type { EndpointUse } from '../types.js';

/** One of OKX's published limits: `requests` per `windowMs`, counted per user ID (private) or IP (public). */
export interface OkxLimit {
  requests: number;
  windowMs: number;
}

/**
 * The limits OKX's V5 documentation gives for every endpoint the sync and the
 * diagnostics read ("Rate Limit: 10 requests per 2 seconds"). OKX sends no header
 * saying how much of a limit is left; it answers 50011 once one is exceeded.
 */
export const OKX_LIMITS: Readonly<Record<string, OkxLimit>> = {
  'public/time': { requests: 10, windowMs: 2000 },
  'public/instruments': { requests: 20, windowMs: 2000 },
  'market/tickers': { requests: 20, windowMs: 2000 },
  'market/candles': { requests: 40, windowMs: 2000 },
  'market/history-candles': { requests: 20, windowMs: 2000 },
  'account/balance': { requests: 10, windowMs: 2000 },
  'account/positions': { requests: 10, windowMs: 2000 },
  'account/positions-history': { requests: 10, windowMs: 2000 },
  'account/config': { requests: 5, windowMs: 2000 },
  'account/bills': { requests: 5, windowMs: 1000 },
  'account/bills-archive': { requests: 5, windowMs: 2000 },
  'asset/balances': { requests: 6, windowMs: 1000 },
  'finance/savings/balance': { requests: 6, windowMs: 1000 },
  'asset/deposit-history': { requests: 6, windowMs: 1000 },
  'asset/withdrawal-history': { requests: 6, windowMs: 1000 },
  'asset/bills': { requests: 6, windowMs: 1000 },
  'asset/bills-history': { requests: 1, windowMs: 1000 },
  'trade/fills-history': { requests: 10, windowMs: 2000 },
};

/** An endpoint missing from the table is paced as OKX's strictest common limit. */
const UNKNOWN: OkxLimit = { requests: 1, windowMs: 1000 };

export function okxLimitOf(path: string): OkxLimit {
  return OKX_LIMITS[path] ?? UNKNOWN;
}

/**
 * Request starts per rolling second that keep within the documented limit: its rate,
 * rounded down (5 per 2 s → 2 a second), at least 1.
 */
export function okxPacePerSecond(path: string): number {
  const { requests, windowMs } = okxLimitOf(path);
  return Math.max(1, Math.floor((requests * 1000) / windowMs));
}

/**
 * What one client sent each endpoint: every start is counted, with how many starts fell
 * within one documented window ending at it; the largest such count is the peak.
 */
export interface OkxUsageRecorder {
  started(path: string, at: number): void;
  rateLimited(path: string): void;
  /** Per endpoint used since the last reset, the busiest first (least headroom). */
  usage(): EndpointUse[];
  reset(): void;
}

export function createOkxUsageRecorder(): OkxUsageRecorder {
  const byPath = new Map<string, { starts: number[]; requests: number; peak: number; rateLimited: number }>();
  const entry = (path: string) => {
    let e = byPath.get(path);
    if (!e) {
      e = { starts: [], requests: 0, peak: 0, rateLimited: 0 };
      byPath.set(path, e);
    }
    return e;
  };
  return {
    started(path, at) {
      const e = entry(path);
      const { windowMs } = okxLimitOf(path);
      // Only the starts of the window ending now can still count.
      e.starts = e.starts.filter((t) => t > at - windowMs);
      e.starts.push(at);
      e.requests += 1;
      e.peak = Math.max(e.peak, e.starts.length);
    },
    rateLimited(path) {
      entry(path).rateLimited += 1;
    },
    usage() {
      return [...byPath].map(([endpoint, e]) => {
        const { requests: limit, windowMs } = okxLimitOf(endpoint);
        return { endpoint, requests: e.requests, peak: e.peak, rateLimited: e.rateLimited, limit, windowMs };
      }).sort((a, b) => b.peak / b.limit - a.peak / a.limit || a.endpoint.localeCompare(b.endpoint));
    },
    reset() {
      byPath.clear();
    },
  };
}
