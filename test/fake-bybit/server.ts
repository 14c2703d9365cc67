// The fake Bybit V5 server: a real node:http server on loopback that ccxt's bybit
// class talks to unmodified once its URLs point here.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { control, type ControlTarget } from './control.js';
import { FaultRegistry, type ActiveFault, type FaultSpec } from './faults.js';
import { BUILT_IN_KEYS, type FakeApiKey } from './keys.js';
import { DEFAULT_RATE_LIMITS, RateLimiter } from './rate-limit.js';
import { RequestLog, type RequestLogEntry } from './request-log.js';
import { route, type RouterState } from './router.js';
import { accountEquity } from './equity.js';
import { smallScenario } from './scenario.js';
import { cloneScenario, type Environment, type Fill, type Scenario, type Wallets } from './scenario-types.js';

/** Options of {@link createServer}. */
export interface CreateServerOptions {
  /** The account served; default {@link smallScenario}(). Kept by reference: mutate it freely. */
  scenario?: Scenario;
  /** Which deployment this instance plays; keys of another environment get 10003. Default 'mainnet'. */
  environment?: Environment;
  /** Delay added to every request (the benchmark uses 50). Default 0. */
  latencyMs?: number;
  /** Server clock = Date.now() + clockSkewMs; simulates a local clock that is off. Default 0. */
  clockSkewMs?: number;
  /** Default 0 (a free port). */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Keys known besides {@link BUILT_IN_KEYS}. */
  extraKeys?: FakeApiKey[];
  /** Per-second per-key limits by path, overriding {@link DEFAULT_RATE_LIMITS}. */
  rateLimits?: Record<string, number>;
  /** Requests per 5 s per IP before HTTP 403. Default 600, as Bybit. */
  ipLimitPer5s?: number;
  /**
   * Answer 10006 once a key exceeds a per-second limit, and HTTP 403 once the IP exceeds
   * ipLimitPer5s. Default false: per-key limits are always counted and shown in the
   * X-Bapi-Limit* headers, but zero-latency tests would otherwise trip Bybit's 50/s on
   * execution windows; the benchmark turns this on.
   */
  enforceRateLimits?: boolean;
}

/** A running fake. */
export interface FakeBybitServer {
  /** Base URL, e.g. http://127.0.0.1:43121; assign it to every entry of ccxt's `urls.api`. */
  readonly url: string;
  readonly port: number;
  readonly environment: Environment;
  readonly keys: readonly FakeApiKey[];
  /** The live scenario; changes show in the next response. */
  scenario: Scenario;
  latencyMs: number;
  clockSkewMs: number;
  /** See {@link CreateServerOptions.enforceRateLimits}. */
  enforceRateLimits: boolean;
  /** The server clock in ms. */
  now(): number;
  /** Every request so far (live array). */
  readonly requests: RequestLogEntry[];
  clearRequests(): void;
  /** Request count by path. */
  requestCounts(): Record<string, number>;
  /** Requests to `path` (all requests without it). */
  countRequests(path?: string): number;
  /** Injects a fault; returns its id. */
  addFault(spec: FaultSpec): number;
  /** Clears one fault, or all of them. */
  clearFaults(id?: number): void;
  listFaults(): ActiveFault[];
  /** Appends an execution to the scenario. */
  addFill(fill: Fill): void;
  /** Sets (or adds) a coin's walletBalance in a wallet. */
  setBalance(wallet: keyof Wallets, coin: string, walletBalance: string): void;
  /** The account's total equity in USDT, as Bybit would total it (see equity.ts). */
  equity(): string;
  /** Back to the starting scenario and settings; faults, log and rate counters cleared. */
  reset(): void;
  close(): Promise<void>;
}

class FakeBybit implements FakeBybitServer, RouterState, ControlTarget {
  url = '';
  port = 0;
  readonly faults = new FaultRegistry();
  readonly log = new RequestLog();
  readonly limiter: RateLimiter;
  readonly environment: Environment;
  readonly keys: readonly FakeApiKey[];
  scenario: Scenario;
  latencyMs: number;
  clockSkewMs: number;
  enforceRateLimits: boolean;
  private readonly initial: { scenario: Scenario; latencyMs: number; clockSkewMs: number; enforceRateLimits: boolean };
  private readonly http: Server;

  constructor(options: CreateServerOptions) {
    this.scenario = options.scenario ?? smallScenario();
    this.environment = options.environment ?? 'mainnet';
    this.latencyMs = options.latencyMs ?? 0;
    this.clockSkewMs = options.clockSkewMs ?? 0;
    this.enforceRateLimits = options.enforceRateLimits ?? false;
    this.keys = [...BUILT_IN_KEYS, ...(options.extraKeys ?? [])];
    this.limiter = new RateLimiter({ ...DEFAULT_RATE_LIMITS, ...options.rateLimits }, options.ipLimitPer5s ?? 600);
    this.initial = {
      scenario: cloneScenario(this.scenario),
      latencyMs: this.latencyMs,
      clockSkewMs: this.clockSkewMs,
      enforceRateLimits: this.enforceRateLimits,
    };
    this.http = createHttpServer((req, res) => this.onRequest(req, res));
  }

  async listen(port: number, host: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, host, () => resolve());
    });
    const address = this.http.address() as AddressInfo;
    this.port = address.port;
    this.url = `http://${host}:${address.port}`;
  }

  now(): number {
    return Date.now() + this.clockSkewMs;
  }

  get requests(): RequestLogEntry[] {
    return this.log.entries;
  }

  clearRequests(): void {
    this.log.clear();
  }

  requestCounts(): Record<string, number> {
    return this.log.countsByPath();
  }

  countRequests(path?: string): number {
    return this.log.count(path);
  }

  addFault(spec: FaultSpec): number {
    return this.faults.add(spec);
  }

  clearFaults(id?: number): void {
    this.faults.clear(id);
  }

  listFaults(): ActiveFault[] {
    return this.faults.list();
  }

  addFill(fill: Fill): void {
    this.scenario.fills.push(fill);
  }

  setBalance(wallet: keyof Wallets, coin: string, walletBalance: string): void {
    const coins = this.scenario.wallets[wallet];
    const existing = coins.find((c) => c.coin === coin);
    if (existing) existing.walletBalance = walletBalance;
    else coins.push({ coin, walletBalance });
  }

  equity(): string {
    return accountEquity(this.scenario);
  }

  reset(): void {
    this.scenario = cloneScenario(this.initial.scenario);
    this.latencyMs = this.initial.latencyMs;
    this.clockSkewMs = this.initial.clockSkewMs;
    this.enforceRateLimits = this.initial.enforceRateLimits;
    this.faults.clear();
    this.log.clear();
    this.limiter.reset();
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.http.close(() => resolve()));
    // Hanging and keep-alive sockets would otherwise hold close() open.
    this.http.closeAllConnections();
    await closed;
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      const path = q < 0 ? url : url.slice(0, q);
      const rawQuery = q < 0 ? '' : url.slice(q + 1);
      const query = Object.fromEntries(new URLSearchParams(rawQuery));
      const body = Buffer.concat(chunks).toString('utf8');
      const method = req.method ?? 'GET';
      if (path === '/__control' || path.startsWith('/__control/')) {
        control(this, method, path, query, body, res);
        return;
      }
      route(this, { method, path, rawQuery, query, body }, req, res).catch((error: unknown) => {
        // Only reachable through a bug in the fake itself; fail the request loudly.
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(`fake-bybit internal error: ${error instanceof Error ? error.stack : String(error)}`);
      });
    });
  }
}

/** Starts a fake Bybit V5 server on loopback and resolves once it is listening. */
export async function createServer(options: CreateServerOptions = {}): Promise<FakeBybitServer> {
  const server = new FakeBybit(options);
  await server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  return server;
}
