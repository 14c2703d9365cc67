// What a cold first sync needs at least, read off the fake's request log: the windows each
// history endpoint must be asked for to cover two years, the extra pages the data forced,
// and the one-off reads; and how long the slowest endpoint takes at its own rate limit.

/** One logged request, as the fake's control endpoint returns it. */
export interface LoggedRequest {
  path: string;
  query: Record<string, string>;
  retCode: number | null;
}

/** The widest time window each windowed Bybit list accepts, in days (Bybit V5 docs). */
export const WINDOW_DAYS: Readonly<Record<string, number>> = {
  '/v5/execution/list': 7,
  '/v5/position/closed-pnl': 7,
  '/v5/account/transaction-log': 7,
  '/v5/asset/transfer/query-inter-transfer-list': 7,
  '/v5/asset/transfer/query-universal-transfer-list': 7,
  '/v5/asset/deposit/query-record': 30,
  '/v5/asset/withdraw/query-record': 30,
};

/** Public market data: no per-UID limit, only the per-IP one (600 per 5 s). */
const MARKET_PER_SECOND = 120;

/** Bybit's "too many visits": a request the rate limit refused, to be sent again. */
const RATE_LIMITED = 10006;

export interface EndpointNeed {
  path: string;
  sent: number;
  /** Windows for the span × the categories asked, plus the pages the data forced, plus one-off reads. */
  needed: number;
  /** Requests refused by the rate limit (sent again later). */
  refused: number;
  perSecond: number;
  /** The endpoint's needed requests at its rate: the first at once, the rest 1/rate apart. */
  paceMs: number;
}

export interface ColdFloor {
  endpoints: EndpointNeed[];
  needed: number;
  /** The slowest endpoint at its own rate, plus the round trips before and after the history. */
  floorMs: number;
  slowest: string;
}

/**
 * The cold sync's floor. A windowed endpoint needs ceil(span / window) requests per
 * category it is asked for, plus one per page past the first (a request carrying a
 * cursor: the window held more than one page); any other endpoint needs what it sent
 * less what the rate limit refused. Endpoints run in parallel, so the wall-time floor is
 * the slowest one's pace, then the price history's (it needs the fills' times), plus the
 * round trips around them.
 */
export function coldFloor(log: readonly LoggedRequest[], limits: Readonly<Record<string, number>>, spanDays: number, latencyMs: number): ColdFloor {
  const byPath = new Map<string, LoggedRequest[]>();
  for (const r of log) byPath.set(r.path, [...(byPath.get(r.path) ?? []), r]);
  const endpoints: EndpointNeed[] = [];
  for (const [path, reqs] of byPath) {
    const refused = reqs.filter((r) => r.retCode === RATE_LIMITED).length;
    const answered = reqs.filter((r) => r.retCode !== RATE_LIMITED);
    const days = WINDOW_DAYS[path];
    const needed = days === undefined
      ? answered.length
      : new Set(answered.map((r) => r.query.category ?? '')).size * Math.ceil(spanDays / days) + answered.filter((r) => r.query.cursor).length;
    const perSecond = limits[path] ?? (path.startsWith('/v5/market/') ? MARKET_PER_SECOND : 10);
    endpoints.push({ path, sent: reqs.length, needed, refused, perSecond, paceMs: ((needed - 1) / perSecond) * 1000 });
  }
  endpoints.sort((a, b) => b.paceMs - a.paceMs);
  // Price history (klines) can only be asked once the fills say which minutes: it follows.
  const slowest = endpoints.find((e) => !e.path.startsWith('/v5/market/'));
  const klines = endpoints.find((e) => e.path === '/v5/market/kline');
  return {
    endpoints,
    needed: endpoints.reduce((n, e) => n + e.needed, 0),
    floorMs: (slowest?.paceMs ?? 0) + (klines?.paceMs ?? 0) + 3 * latencyMs,
    slowest: slowest?.path ?? '—',
  };
}
