// The fake OKX V5 server: a real node:http server on loopback that ccxt's okx class
// talks to unmodified once its `urls.api.rest` points here.
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultRegistry, parseFaultSpec, type ActiveFault, type FaultSpec } from '../fake-bybit/faults.js';
import { RequestLog, type RequestLogEntry } from '../fake-bybit/request-log.js';
import { OKX_BUILT_IN_KEYS, type FakeOkxKey } from './keys.js';
import { routeOkx, type OkxRouterState } from './router.js';
import { cloneOkxScenario, smallOkxScenario, type OkxFill, type OkxScenario } from './scenario.js';

export interface CreateOkxServerOptions {
  /** Default {@link smallOkxScenario}(). Kept by reference: mutate it freely. */
  scenario?: OkxScenario;
  latencyMs?: number;
  /** Server clock = Date.now() + clockSkewMs. */
  clockSkewMs?: number;
  port?: number;
  host?: string;
  extraKeys?: FakeOkxKey[];
}

export interface FakeOkxServer {
  readonly url: string;
  readonly port: number;
  readonly keys: readonly FakeOkxKey[];
  scenario: OkxScenario;
  latencyMs: number;
  clockSkewMs: number;
  now(): number;
  readonly requests: RequestLogEntry[];
  clearRequests(): void;
  countRequests(path?: string): number;
  addFault(spec: FaultSpec): number;
  clearFaults(id?: number): void;
  listFaults(): ActiveFault[];
  addFill(fill: OkxFill): void;
  reset(): void;
  close(): Promise<void>;
}

class FakeOkx implements FakeOkxServer, OkxRouterState {
  url = '';
  port = 0;
  readonly faults = new FaultRegistry();
  readonly log = new RequestLog();
  readonly keys: readonly FakeOkxKey[];
  scenario: OkxScenario;
  latencyMs: number;
  clockSkewMs: number;
  private readonly initial: OkxScenario;
  private readonly http: Server;

  constructor(o: CreateOkxServerOptions) {
    this.scenario = o.scenario ?? smallOkxScenario();
    this.initial = cloneOkxScenario(this.scenario);
    this.latencyMs = o.latencyMs ?? 0;
    this.clockSkewMs = o.clockSkewMs ?? 0;
    this.keys = [...OKX_BUILT_IN_KEYS, ...(o.extraKeys ?? [])];
    this.http = createHttpServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = req.url ?? '/';
        const q = url.indexOf('?');
        const path = q < 0 ? url : url.slice(0, q);
        const rawQuery = q < 0 ? '' : url.slice(q + 1);
        const query = Object.fromEntries(new URLSearchParams(rawQuery));
        const body = Buffer.concat(chunks).toString('utf8');
        if (path.startsWith('/__control')) {
          this.control(req.method ?? 'GET', path, body, res);
          return;
        }
        routeOkx(this, { method: req.method ?? 'GET', path, rawQuery, query, body }, req, res).catch((error: unknown) => {
          if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
          res.end(`fake-okx internal error: ${error instanceof Error ? error.stack : String(error)}`);
        });
      });
    });
  }

  async listen(port: number, host: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, host, () => resolve());
    });
    this.port = (this.http.address() as AddressInfo).port;
    this.url = `http://${host}:${this.port}`;
  }

  now(): number { return Date.now() + this.clockSkewMs; }
  get requests(): RequestLogEntry[] { return this.log.entries; }
  clearRequests(): void { this.log.clear(); }
  countRequests(path?: string): number { return this.log.count(path); }
  addFault(spec: FaultSpec): number { return this.faults.add(spec); }
  clearFaults(id?: number): void { this.faults.clear(id); }
  listFaults(): ActiveFault[] { return this.faults.list(); }
  addFill(fill: OkxFill): void { this.scenario.fills.push(fill); }

  reset(): void {
    this.scenario = cloneOkxScenario(this.initial);
    this.faults.clear();
    this.log.clear();
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.http.close(() => resolve()));
    this.http.closeAllConnections();
    await closed;
  }

  /** GET /__control/requests, POST /__control/faults (a FaultSpec), POST /__control/reset. */
  private control(method: string, path: string, body: string, res: import('node:http').ServerResponse): void {
    const reply = (status: number, value: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    try {
      if (method === 'GET' && path === '/__control/requests') return reply(200, this.requests);
      if (method === 'POST' && path === '/__control/faults') return reply(200, { id: this.addFault(parseFaultSpec(JSON.parse(body) as unknown)) });
      if (method === 'POST' && path === '/__control/reset') {
        this.reset();
        return reply(200, { ok: true });
      }
      return reply(404, { error: 'unknown control path' });
    } catch (e) {
      return reply(400, { error: e instanceof Error ? e.message : String(e) });
    }
  }
}

/** Starts a fake OKX V5 server on loopback and resolves once it listens. */
export async function createOkxServer(options: CreateOkxServerOptions = {}): Promise<FakeOkxServer> {
  const server = new FakeOkx(options);
  await server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  return server;
}
