import { bulkhead, type BulkheadPolicy } from 'cockatiel';
import { z } from 'zod';
import { abortable, abortableSleep, throwIfAborted } from '../../abort.js';
import { AppError } from '../../errors.js';
import type { CcxtExchange } from '../ccxt-loader.js';
import { BadResponseError, classifyExchangeError, type ErrorContext } from '../classify-error.js';
import { createRateGate, type RateGate } from '../rate-gate.js';
import { exchangeRequestPolicy, type RequestPolicy, type ResilienceOptions } from '../resilience.js';
import { readLimitHeaders, type LimitHeaders } from './bybit-headers.js';

type Params = Record<string, string | number>;

/**
 * Requests per second to start with, per endpoint, before Bybit's `X-Bapi-Limit`
 * header says otherwise (its documented defaults). ccxt's own throttle uses one bucket
 * for every endpoint and would serialise calls that Bybit lets run side by side.
 */
const INITIAL_PER_SECOND: Record<string, number> = {
  'v5/asset/transfer/query-account-coins-balance': 2,
  'v5/asset/transfer/query-inter-transfer-list': 1,
  'v5/asset/transfer/query-universal-transfer-list': 2,
  'v5/asset/deposit/query-record': 5,
  'v5/asset/withdraw/query-record': 5,
  'v5/asset/exchange/order-record': 10,
  'v5/account/transaction-log': 30,
};
const PUBLIC_PER_SECOND = 50;
const PRIVATE_PER_SECOND = 10;
// Requests on the wire at once, all endpoints together. ccxt signs a request when it is
// started: hundreds started together (a cold import of every history kind) would wait
// for the exchange until their timestamps fell out of Bybit's receive window.
const MAX_IN_FLIGHT = 20;
// Requests sent a second apart arrive up to a network jitter apart, and Bybit counts
// arrivals. At 100 ms, a two-year import against the fake under load still had a third of
// its 1-per-second transfer-list requests refused; at 250 ms none were.
const GATE_MARGIN_MS = 250;
// Sign with a timestamp slightly in the past: Bybit accepts up to recvWindow behind
// its clock but only 1 s ahead, and the offset estimate is off by up to half a round trip.
const SIGNING_BIAS_MS = 250;

const envelope = z.object({
  retCode: z.union([z.number(), z.string()]),
  result: z.unknown(),
  time: z.union([z.number(), z.string()]).optional(),
  responseHeaders: z.record(z.string(), z.unknown()).optional(),
});

export interface BybitCall<T> {
  result: T;
  /** Bybit's clock when it answered (ms), from the envelope. */
  serverTime: number | null;
}

export interface BybitApiOptions {
  resilience?: Partial<ResilienceOptions>;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal | null) => Promise<void>;
}

/**
 * Bybit V5 through ccxt's implicit API: ccxt signs and maps errors; we pace each
 * endpoint at the rate Bybit reports, retry transient failures (cockatiel), keep the
 * clock offset, validate every answer and classify every failure.
 */
export class BybitApi {
  private requests = 0;
  private offsetMs: number | null = null;
  private lastHeaders: LimitHeaders | null = null;
  /** The current sync's signal: once it aborts (deadline, cancel, a failed read) no request starts and no wait goes on. */
  private signal: AbortSignal | null = null;
  private readonly gates = new Map<string, RateGate>();
  private readonly inFlight: BulkheadPolicy = bulkhead(MAX_IN_FLIGHT, Number.MAX_SAFE_INTEGER);
  private readonly policy: RequestPolicy;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal | null) => Promise<void>;

  constructor(private readonly ex: CcxtExchange, private readonly errorContext: ErrorContext, opts: BybitApiOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? abortableSleep;
    ex.returnResponseHeaders = true;
    this.policy = exchangeRequestPolicy(ex, errorContext.exchangeName, opts.resilience);
  }

  requestCount(): number {
    return this.requests;
  }

  /** Every request from now on obeys `signal` (null: none); each sync brings its own. */
  useSignal(signal: AbortSignal | null): void {
    this.signal = signal;
  }

  /** Local clock minus Bybit's, once measured. */
  clockOffsetMs(): number | null {
    return this.offsetMs;
  }

  /** The rate-limit headers of the latest private answer (diagnostics show the headroom). */
  lastLimitHeaders(): LimitHeaders | null {
    return this.lastHeaders;
  }

  async publicGet<T>(path: string, params: Params, schema: z.ZodType<T>, what: string): Promise<BybitCall<T>> {
    return this.paced('public', path, () => this.call('public', path, params, schema, what));
  }

  /** A signed GET; measures the clock first when it is not known, and again on a 10002. */
  async privateGet<T>(path: string, params: Params, schema: z.ZodType<T>, what: string): Promise<BybitCall<T>> {
    if (this.offsetMs === null) await this.measureClock();
    return this.paced('private', path, async () => {
      try {
        return await this.call('private', path, params, schema, what);
      } catch (e) {
        if ((e as AppError).errorClass !== 'clock') throw e;
        await this.measureClock();
        await this.admit(this.gate('private', path), this.signal);
        return this.call('private', path, params, schema, what);
      }
    });
  }

  /**
   * Waits for the endpoint's turn and a free place on the wire, then runs `attempt`
   * under the request policy. Both waits are outside the policy's timeout: a two-year
   * import queues a hundred windows behind one gate, and waiting for a turn is not the
   * exchange being slow. A retry waits for its endpoint's turn again, also outside the
   * timeout. The clock measurement skips the in-flight limit: it runs inside requests
   * that hold a place.
   */
  private async paced<T>(api: 'public' | 'private', path: string, attempt: () => Promise<T>, limitInFlight = true): Promise<T> {
    const signal = this.signal;
    const gate = this.gate(api, path);
    await this.admit(gate, signal);
    const run = () => this.policy(async () => {
      // A request that waited for a place while the sync was stopped does not start.
      throwIfAborted(signal);
      return attempt();
    }, signal, () => this.admit(gate, signal));
    if (!limitInFlight) return run();
    // Waiting for a place on the wire ends at once when the sync stops.
    return abortable(this.inFlight.execute(run), signal);
  }

  private async admit(gate: RateGate, signal: AbortSignal | null): Promise<void> {
    throwIfAborted(signal);
    await gate.take(signal);
    throwIfAborted(signal);
  }

  /** Reads Bybit's server time and sets the offset ccxt signs with. */
  async measureClock(): Promise<void> {
    const started = this.now();
    const r = await this.paced('public', 'v5/market/time', () => this.call('public', 'v5/market/time', {}, z.object({ timeSecond: z.string() }), 'the server time', false), false);
    const server = r.serverTime ?? Number(r.result.timeSecond) * 1000;
    this.setOffset(started, this.now(), server);
  }

  private setOffset(sentAt: number, receivedAt: number, serverTime: number): void {
    this.offsetMs = Math.round((sentAt + receivedAt) / 2 - serverTime);
    this.ex.options.timeDifference = this.offsetMs + SIGNING_BIAS_MS;
  }

  private gate(api: 'public' | 'private', path: string): RateGate {
    let g = this.gates.get(path);
    if (!g) {
      g = createRateGate(INITIAL_PER_SECOND[path] ?? (api === 'public' ? PUBLIC_PER_SECOND : PRIVATE_PER_SECOND), { now: this.now, sleep: this.sleep, marginMs: GATE_MARGIN_MS });
      this.gates.set(path, g);
    }
    return g;
  }

  /** Bybit's reset timestamps are on its clock; gates run on ours. */
  private toLocal(serverMs: number): number {
    return serverMs + (this.offsetMs ?? 0);
  }

  private async call<T>(api: 'public' | 'private', path: string, params: Params, schema: z.ZodType<T>, what: string, noteTime = true): Promise<BybitCall<T>> {
    const fn = this.ex[methodName(api, path)];
    if (typeof fn !== 'function') throw new Error(`ccxt has no ${methodName(api, path)}`);
    const ctx = { ...this.errorContext, what };
    const gate = this.gate(api, path);
    const signal = this.signal;
    throwIfAborted(signal);
    this.requests += 1;
    const sentAt = this.now();
    let raw: unknown;
    try {
      // ccxt cannot abort a request it sent; the caller stops waiting for it at once.
      raw = await abortable((fn as (p: Params) => Promise<unknown>).call(this.ex, params), signal);
    } catch (e) {
      if (signal?.aborted) throw e;
      throw this.failure(e, ctx, gate);
    }
    const receivedAt = this.now();
    try {
      if (typeof raw !== 'object' || raw === null) throw new BadResponseError(`${what}: the answer is not JSON`);
      const env = envelope.safeParse(raw);
      if (!env.success) throw new BadResponseError(`${what}: not a Bybit answer`);
      const limits = readLimitHeaders(env.data.responseHeaders);
      if (limits) {
        gate.update({ ...limits, resetAt: limits.resetAt === undefined ? undefined : this.toLocal(limits.resetAt) });
        if (api === 'private') this.lastHeaders = limits;
      }
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

  /** Classifies a failed request; a rate limit also holds the endpoint until Bybit's reset. */
  private failure(e: unknown, ctx: ErrorContext, gate: RateGate): AppError {
    const err = classifyExchangeError(e, ctx);
    if (err.errorClass !== 'rate-limit') return err;
    // ccxt keeps the headers of the last answer, the failed one included.
    const limits = readLimitHeaders(this.ex.last_response_headers);
    const resetLocal = limits?.resetAt === undefined ? null : this.toLocal(limits.resetAt);
    const waitMs = resetLocal === null ? null : Math.max(50, resetLocal - this.now() + 50);
    if (resetLocal !== null) gate.blockUntil(resetLocal + 50);
    return new AppError(err.errorClass, err.message, err.recommendation, { cause: err.cause, transient: true, retryAfterMs: waitMs });
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
