import pThrottle from 'p-throttle';
import { z } from 'zod';
import type { CcxtExchange } from '../ccxt-loader.js';
import { BadResponseError, classifyExchangeError, type ErrorContext } from '../classify-error.js';

type Params = Record<string, string | number>;

/**
 * Requests per second Bybit allows per endpoint (per key for private ones). ccxt's own
 * throttle uses one bucket for every endpoint and would serialise calls that Bybit
 * lets run side by side, so it is off and these gates pace each endpoint instead.
 */
const PER_SECOND: Record<string, number> = {
  'v5/execution/list': 10,
  'v5/position/list': 10,
  'v5/account/wallet-balance': 10,
  'v5/asset/transfer/query-account-coins-balance': 2,
  'v5/user/query-api': 10,
};
const PUBLIC_PER_SECOND = 50;
const PRIVATE_PER_SECOND = 10;
// Sign with a timestamp slightly in the past: Bybit accepts up to recvWindow behind
// its clock but only 1 s ahead, and the offset estimate is off by up to half a round trip.
const SIGNING_BIAS_MS = 250;

const envelope = z.object({
  retCode: z.union([z.number(), z.string()]),
  result: z.unknown(),
  time: z.union([z.number(), z.string()]).optional(),
});

export interface BybitCall<T> {
  result: T;
  /** Bybit's clock when it answered (ms), from the envelope. */
  serverTime: number | null;
}

/**
 * Bybit V5 through ccxt's implicit API: ccxt signs and maps errors; we pace requests,
 * count them, keep the clock offset, validate every answer and classify failures.
 */
export class BybitApi {
  private requests = 0;
  private offsetMs: number | null = null;
  private readonly gates = new Map<string, <R>(fn: () => Promise<R>) => Promise<R>>();

  constructor(private readonly ex: CcxtExchange, private readonly errorContext: ErrorContext) {}

  requestCount(): number {
    return this.requests;
  }

  /** Local clock minus Bybit's, once measured. */
  clockOffsetMs(): number | null {
    return this.offsetMs;
  }

  async publicGet<T>(path: string, params: Params, schema: z.ZodType<T>, what: string): Promise<BybitCall<T>> {
    return this.call('public', path, params, schema, what);
  }

  /** A signed GET; measures the clock first when it is not known, and once more on a 10002. */
  async privateGet<T>(path: string, params: Params, schema: z.ZodType<T>, what: string): Promise<BybitCall<T>> {
    if (this.offsetMs === null) await this.measureClock();
    try {
      return await this.call('private', path, params, schema, what);
    } catch (e) {
      if ((e as { errorClass?: string }).errorClass !== 'clock') throw e;
      await this.measureClock();
      return this.call('private', path, params, schema, what);
    }
  }

  /** Reads Bybit's server time and sets the offset ccxt signs with. */
  async measureClock(): Promise<void> {
    const started = Date.now();
    const r = await this.call('public', 'v5/market/time', {}, z.object({ timeSecond: z.string() }), 'the server time', false);
    const server = r.serverTime ?? Number(r.result.timeSecond) * 1000;
    this.setOffset(started, Date.now(), server);
  }

  private setOffset(sentAt: number, receivedAt: number, serverTime: number): void {
    this.offsetMs = Math.round((sentAt + receivedAt) / 2 - serverTime);
    this.ex.options.timeDifference = this.offsetMs + SIGNING_BIAS_MS;
  }

  private gate(api: 'public' | 'private', path: string) {
    let g = this.gates.get(path);
    if (!g) {
      const limit = PER_SECOND[path] ?? (api === 'public' ? PUBLIC_PER_SECOND : PRIVATE_PER_SECOND);
      const throttle = pThrottle({ limit, interval: 1000 });
      g = <R>(fn: () => Promise<R>) => throttle(fn)();
      this.gates.set(path, g);
    }
    return g;
  }

  private async call<T>(api: 'public' | 'private', path: string, params: Params, schema: z.ZodType<T>, what: string, noteTime = true): Promise<BybitCall<T>> {
    const method = methodName(api, path);
    const fn = this.ex[method];
    if (typeof fn !== 'function') throw new Error(`ccxt has no ${method}`);
    const ctx = { ...this.errorContext, what };
    let sentAt = 0;
    let raw: unknown;
    try {
      raw = await this.gate(api, path)(() => {
        this.requests += 1;
        sentAt = Date.now();
        return (fn as (p: Params) => Promise<unknown>).call(this.ex, params);
      });
    } catch (e) {
      throw classifyExchangeError(e, ctx);
    }
    const receivedAt = Date.now();
    try {
      if (typeof raw !== 'object' || raw === null) throw new BadResponseError(`${what}: the answer is not JSON`);
      const env = envelope.safeParse(raw);
      if (!env.success) throw new BadResponseError(`${what}: not a Bybit answer`);
      const result = schema.safeParse(env.data.result);
      if (!result.success) throw new BadResponseError(`${what}: ${describeIssue(result.error)}`);
      const time = env.data.time === undefined ? Number.NaN : Number(env.data.time);
      const serverTime = Number.isFinite(time) ? time : null;
      // Any answer's envelope carries Bybit's clock: the first one sets the offset, so
      // a sync that starts with a public call needs no separate time request.
      if (noteTime && serverTime !== null && this.offsetMs === null) this.setOffset(sentAt, receivedAt, serverTime);
      return { result: result.data, serverTime };
    } catch (e) {
      throw classifyExchangeError(e, ctx);
    }
  }
}

/** 'v5/asset/transfer/query-account-coins-balance' → 'privateGetV5AssetTransferQueryAccountCoinsBalance'. */
export function methodName(api: 'public' | 'private', path: string): string {
  const parts = path.split(/[/-]/).filter(Boolean).map((p) => p[0]!.toUpperCase() + p.slice(1));
  return `${api}Get${parts.join('')}`;
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unexpected shape';
  const where = issue.path.length ? issue.path.join('.') : 'result';
  return `${where} ${issue.code === 'invalid_type' ? 'is missing or of the wrong type' : issue.message}`;
}
