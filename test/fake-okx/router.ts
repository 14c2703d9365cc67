// One request through the fake OKX: log, latency, faults, routing, authentication, handler.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { deleteField, truncateJson, type FaultAction, type FaultRegistry } from '../fake-bybit/faults.js';
import { finish, type RequestLog, type RequestLogEntry } from '../fake-bybit/request-log.js';
import { authenticateOkx, okxHeader } from './auth.js';
import { OKX_MSG, OkxError, errorEnvelope, httpStatusOf, okEnvelope, type OkxEnvelope } from './envelope.js';
import { OKX_ROUTES } from './handlers.js';
import type { FakeOkxKey } from './keys.js';
import type { OkxScenario } from './scenario.js';

export interface OkxRouterState {
  readonly scenario: OkxScenario;
  readonly keys: readonly FakeOkxKey[];
  readonly latencyMs: number;
  now(): number;
  readonly faults: FaultRegistry;
  readonly log: RequestLog;
}

export interface OkxParsedRequest { method: string; path: string; rawQuery: string; query: Record<string, string>; body: string }

const sleep = (ms: number) => (ms > 0 ? new Promise<void>((r) => setTimeout(r, ms)) : Promise.resolve());

function send(res: ServerResponse, status: number, type: string, body: string): void {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(body);
}

function sendEnvelope(res: ServerResponse, entry: RequestLogEntry, env: OkxEnvelope, post: FaultAction | null): void {
  let json = JSON.stringify(env);
  if (post?.kind === 'missingField') {
    const copy = JSON.parse(json) as unknown;
    deleteField(copy, post.field);
    json = JSON.stringify(copy);
  } else if (post?.kind === 'malformedJson') {
    json = json.replace('"msg"', 'msg');
  } else if (post?.kind === 'truncatedJson') {
    json = truncateJson(json);
  }
  const status = httpStatusOf(env.code);
  send(res, status, 'application/json; charset=utf-8', json);
  finish(entry, status, Number(env.code));
}

function answerFault(fault: FaultAction, req: IncomingMessage, res: ServerResponse, entry: RequestLogEntry): boolean {
  switch (fault.kind) {
    case 'hang':
      res.on('close', () => finish(entry, 0, null));
      return true;
    case 'reset':
      req.socket.destroy();
      finish(entry, 0, null);
      return true;
    case 'http':
      send(res, fault.status, 'text/html', fault.body ?? `<html><body><h1>${fault.status}</h1></body></html>`);
      finish(entry, fault.status, null);
      return true;
    case 'retCode': {
      const code = String(fault.retCode);
      sendEnvelope(res, entry, errorEnvelope(code, fault.retMsg ?? OKX_MSG[code] ?? 'error'), null);
      return true;
    }
    default:
      return false;
  }
}

export async function routeOkx(state: OkxRouterState, parsed: OkxParsedRequest, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { method, path, query } = parsed;
  const entry = state.log.start(method, path, query, okxHeader(req.headers, 'OK-ACCESS-KEY') ?? null);
  await sleep(state.latencyMs);
  const { delayMs, fault } = state.faults.take(path, query);
  if (fault) entry.fault = fault.kind;
  await sleep(delayMs);
  if (fault && answerFault(fault, req, res, entry)) return;
  const route = OKX_ROUTES[path];
  if (!route || method !== 'GET') {
    send(res, 404, 'application/json', JSON.stringify({ msg: '', code: '404' }));
    finish(entry, 404, null);
    return;
  }
  let env: OkxEnvelope;
  try {
    const now = state.now();
    let key: FakeOkxKey | null = null;
    if (route.private) {
      const ip = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
      const requestPath = parsed.rawQuery ? `${path}?${parsed.rawQuery}` : path;
      key = authenticateOkx({ method, requestPath, body: parsed.body, headers: req.headers, remoteIp: ip }, { serverTime: now, keys: state.keys });
    }
    env = okEnvelope(route.handler({ query, scenario: state.scenario, now, key }));
  } catch (error) {
    env = error instanceof OkxError ? errorEnvelope(error.code, error.message)
      // A scenario the handlers cannot serve is a test bug; say so.
      : errorEnvelope('50000', `fake-okx: ${error instanceof Error ? error.message : String(error)}`);
  }
  sendEnvelope(res, entry, env, fault);
}
