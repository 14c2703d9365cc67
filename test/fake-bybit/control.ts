// HTTP control endpoints under /__control, for standalone use (demo, manual testing,
// tests in another process). Unauthenticated, unlogged, never delayed.
import type { ServerResponse } from 'node:http';
import { parseFaultSpec, type ActiveFault, type FaultSpec } from './faults.js';
import type { FakeApiKey } from './keys.js';
import type { RequestLogEntry } from './request-log.js';
import type { Fill, Scenario, Wallets } from './scenario-types.js';

/** The server operations the control endpoints expose. */
export interface ControlTarget {
  scenario: Scenario;
  latencyMs: number;
  clockSkewMs: number;
  enforceRateLimits: boolean;
  readonly keys: readonly FakeApiKey[];
  readonly requests: RequestLogEntry[];
  clearRequests(): void;
  requestCounts(): Record<string, number>;
  addFault(spec: FaultSpec): number;
  clearFaults(id?: number): void;
  listFaults(): ActiveFault[];
  addFill(fill: Fill): void;
  setBalance(wallet: keyof Wallets, coin: string, walletBalance: string): void;
  reset(): void;
  now(): number;
  equity(): string;
}

function reply(res: ServerResponse, status: number, payload: unknown): void {
  const body = JSON.stringify(payload, null, 2);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(body);
}

function parseBody(body: string): unknown {
  return body.trim() === '' ? {} : (JSON.parse(body) as unknown);
}

function record(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('expected a JSON object');
  return value as Record<string, unknown>;
}

function handle(target: ControlTarget, method: string, action: string, query: Record<string, string>, body: unknown): unknown {
  switch (`${method} ${action}`) {
    case 'GET requests':
      return { counts: target.requestCounts(), requests: target.requests };
    case 'DELETE requests':
    case 'POST requests/clear':
      target.clearRequests();
      return { ok: true };
    case 'GET faults':
      return { faults: target.listFaults() };
    case 'POST faults': {
      const specs = (Array.isArray(body) ? body : [body]).map(parseFaultSpec);
      return { ids: specs.map((spec) => target.addFault(spec)) };
    }
    case 'DELETE faults':
    case 'POST faults/clear':
      target.clearFaults(query.id === undefined ? undefined : Number(query.id));
      return { ok: true };
    case 'POST reset':
      target.reset();
      return { ok: true };
    case 'GET settings':
      return { latencyMs: target.latencyMs, clockSkewMs: target.clockSkewMs, enforceRateLimits: target.enforceRateLimits, serverTime: target.now() };
    case 'POST settings': {
      const settings = record(body);
      if (typeof settings.latencyMs === 'number') target.latencyMs = settings.latencyMs;
      if (typeof settings.clockSkewMs === 'number') target.clockSkewMs = settings.clockSkewMs;
      if (typeof settings.enforceRateLimits === 'boolean') target.enforceRateLimits = settings.enforceRateLimits;
      return { latencyMs: target.latencyMs, clockSkewMs: target.clockSkewMs, enforceRateLimits: target.enforceRateLimits };
    }
    case 'GET scenario':
      return target.scenario;
    case 'GET equity':
      return { equity: target.equity(), quote: 'USDT' };
    case 'POST fills': {
      const fills = (Array.isArray(body) ? body : [body]).map((f) => record(f) as unknown as Fill);
      fills.forEach((f) => target.addFill(f));
      return { added: fills.length, total: target.scenario.fills.length };
    }
    case 'POST balances': {
      const b = record(body);
      if (typeof b.wallet !== 'string' || typeof b.coin !== 'string' || typeof b.walletBalance !== 'string') {
        throw new Error('expected {wallet, coin, walletBalance} with walletBalance a decimal string');
      }
      target.setBalance(b.wallet as keyof Wallets, b.coin, b.walletBalance);
      return { ok: true };
    }
    case 'GET keys':
      return { keys: target.keys };
    default:
      return undefined;
  }
}

/** Answers a /__control request. */
export function control(target: ControlTarget, method: string, path: string, query: Record<string, string>, rawBody: string, res: ServerResponse): void {
  const action = path.replace(/^\/__control\/?/, '');
  try {
    const result = handle(target, method, action, query, parseBody(rawBody));
    if (result === undefined) reply(res, 404, { error: `no control action ${method} ${path}` });
    else reply(res, 200, result);
  } catch (error) {
    reply(res, 400, { error: error instanceof Error ? error.message : String(error) });
  }
}
