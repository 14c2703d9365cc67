import { z } from 'zod';
import { abortable, abortableSleep, throwIfAborted } from '../../abort.js';
import type { AppError } from '../../errors.js';
import type { CcxtExchange } from '../ccxt-loader.js';
import { BadResponseError, classifyExchangeError, type ErrorContext } from '../classify-error.js';
import { createRateGate, type RateGate } from '../rate-gate.js';
import { exchangeRequestPolicy, type RequestPolicy, type ResilienceOptions } from '../resilience.js';
import { classifyOkxCode } from './okx-errors.js';
import { createOkxUsageRecorder, okxPacePerSecond, type OkxUsageRecorder } from './okx-limits.js';

type Params = Record<string, string | number>;

const envelope = z.object({ code: z.string(), msg: z.string().optional(), data: z.unknown() });

export interface OkxApiOptions {
  resilience?: Partial<ResilienceOptions>;
  now?: () => number;
}

/**
 * OKX V5 through ccxt's implicit API: ccxt signs (OK-ACCESS-* headers, the demo header)
 * and moves bytes; everything else is ours. ccxt's own error mapping is switched off for
 * answers in OKX's envelope, so every `code` is classified exactly (okx-errors.ts) and
 * never guessed from a message; answers keep their exact decimal strings.
 */
export class OkxApi {
  private requests = 0;
  private offsetMs: number | null = null;
  private signal: AbortSignal | null = null;
  private readonly gates = new Map<string, RateGate>();
  /** Each endpoint's starts against OKX's published limits, for the rate-limit headroom check. */
  readonly use: OkxUsageRecorder = createOkxUsageRecorder();
  private readonly policy: RequestPolicy;
  private readonly now: () => number;

  constructor(private readonly ex: CcxtExchange, private readonly errorContext: ErrorContext, opts: OkxApiOptions = {}) {
    this.now = opts.now ?? Date.now;
    // An answer in OKX's envelope (any HTTP status) goes back to us as it is; only
    // non-JSON answers (a proxy's HTML page, a 502) go through ccxt's HTTP mapping.
    ex.handleErrors = (_status: unknown, _reason: unknown, _url: unknown, _method: unknown, _headers: unknown, _body: unknown, response: unknown) =>
      (envelope.safeParse(response).success ? true : undefined);
    this.policy = exchangeRequestPolicy(ex, errorContext.exchangeName, opts.resilience);
  }

  requestCount(): number {
    return this.requests;
  }

  useSignal(signal: AbortSignal | null): void {
    this.signal = signal;
  }

  clockOffsetMs(): number | null {
    return this.offsetMs;
  }

  async publicGet<T>(path: string, params: Params, schema: z.ZodType<T>, what: string): Promise<T> {
    return this.paced(path, () => this.call('public', path, params, schema, what));
  }

  /** A signed GET; measures the clock first when it is not known, and again after a clock error. */
  async privateGet<T>(path: string, params: Params, schema: z.ZodType<T>, what: string): Promise<T> {
    if (this.offsetMs === null) await this.measureClock();
    return this.paced(path, async () => {
      try {
        return await this.call('private', path, params, schema, what);
      } catch (e) {
        if ((e as AppError).errorClass !== 'clock') throw e;
        await this.measureClock();
        return this.call('private', path, params, schema, what);
      }
    });
  }

  /** OKX's clock from public/time; ccxt signs with local time minus the offset. */
  async measureClock(): Promise<number> {
    const sentAt = this.now();
    const [row] = await this.paced('public/time', () => this.call('public', 'public/time', {}, z.array(z.object({ ts: z.string() })).min(1), 'the server time'));
    const server = Number(row!.ts);
    this.offsetMs = Math.round((sentAt + this.now()) / 2 - server);
    this.ex.options.timeDifference = this.offsetMs;
    return server;
  }

  private async paced<T>(path: string, attempt: () => Promise<T>): Promise<T> {
    const signal = this.signal;
    const gate = this.gate(path);
    // Every wait for a turn is outside the per-try timeout: a cold import queues many
    // windows behind one gate, and waiting for a turn is not the exchange being slow.
    const admit = async () => {
      throwIfAborted(signal);
      await gate.take(signal);
      throwIfAborted(signal);
    };
    await admit();
    return this.policy(async () => {
      throwIfAborted(signal);
      // Counted when it starts, for the rate-limit headroom the diagnostics show.
      this.use.started(path, this.now());
      try {
        return await attempt();
      } catch (e) {
        if ((e as AppError).errorClass === 'rate-limit') this.use.rateLimited(path);
        throw e;
      }
    }, signal, admit);
  }

  private gate(path: string): RateGate {
    let g = this.gates.get(path);
    if (!g) {
      // OKX counts requests when they arrive, and arrivals jitter: 250 ms to spare per second.
      g = createRateGate(okxPacePerSecond(path), { now: this.now, sleep: abortableSleep, marginMs: 250 });
      this.gates.set(path, g);
    }
    return g;
  }

  private async call<T>(api: 'public' | 'private', path: string, params: Params, schema: z.ZodType<T>, what: string): Promise<T> {
    const name = okxMethodName(api, path);
    const fn = this.ex[name];
    if (typeof fn !== 'function') throw new Error(`ccxt has no ${name}`);
    const ctx = { ...this.errorContext, what };
    this.requests += 1;
    let raw: unknown;
    try {
      raw = await abortable((fn as (p: Params) => Promise<unknown>).call(this.ex, params), this.signal);
    } catch (e) {
      if (this.signal?.aborted) throw e;
      throw classifyExchangeError(e, ctx);
    }
    const env = envelope.safeParse(raw);
    if (!env.success) throw classifyExchangeError(new BadResponseError(`${what}: not an OKX answer`), ctx);
    if (env.data.code !== '0') throw classifyOkxCode(env.data.code, env.data.msg ?? '', ctx);
    const data = schema.safeParse(env.data.data);
    if (!data.success) {
      const issue = data.error.issues[0];
      throw classifyExchangeError(new BadResponseError(`${what}: ${issue ? `data.${issue.path.join('.')} ${issue.message}` : 'unexpected shape'}`), ctx);
    }
    return data.data;
  }
}

/** 'trade/fills-history' → 'privateGetTradeFillsHistory' (ccxt's implicit method name). */
export function okxMethodName(api: 'public' | 'private', path: string): string {
  return `${api}Get${path.split(/[/-]/).filter(Boolean).map((p) => p[0]!.toUpperCase() + p.slice(1)).join('')}`;
}
