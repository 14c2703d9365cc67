// One request through the fake: log, latency, IP limit, injected faults, routing,
// authentication, per-key rate limit, handler, serialisation.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, normaliseIp, presentedApiKey } from './auth.js';
import { BybitError, RET_MSG, clockErrorMessage, errorEnvelope, htmlErrorPage, okEnvelope, type Envelope } from './envelope.js';
import { deleteField, malformJson, truncateJson, type FaultAction, type FaultRegistry } from './faults.js';
import type { FakeApiKey } from './keys.js';
import { finish, type RequestLog, type RequestLogEntry } from './request-log.js';
import { limitHeaders, type LimitStatus, type RateLimiter } from './rate-limit.js';
import type { HandlerContext } from './route-types.js';
import { ROUTES } from './routes.js';
import type { Environment, Scenario } from './scenario-types.js';

/** What the router needs from the server. */
export interface RouterState {
  readonly scenario: Scenario;
  readonly environment: Environment;
  readonly keys: readonly FakeApiKey[];
  readonly latencyMs: number;
  /** When false, limits are counted and shown in headers but never answered with 10006. */
  readonly enforceRateLimits: boolean;
  now(): number;
  readonly faults: FaultRegistry;
  readonly log: RequestLog;
  readonly limiter: RateLimiter;
}

export interface ParsedRequest {
  method: string;
  path: string;
  rawQuery: string;
  query: Record<string, string>;
  body: string;
}

const sleep = (ms: number): Promise<void> => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());

function send(res: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

function sendEnvelope(res: ServerResponse, entry: RequestLogEntry, envelope: Envelope, headers: Record<string, string>, post: FaultAction | null): void {
  let json = JSON.stringify(envelope);
  if (post?.kind === 'missingField') {
    const copy = JSON.parse(json) as unknown;
    deleteField(copy, post.field);
    json = JSON.stringify(copy);
  } else if (post?.kind === 'malformedJson') {
    json = malformJson(json);
  } else if (post?.kind === 'truncatedJson') {
    json = truncateJson(json);
  }
  send(res, 200, 'application/json; charset=utf-8', json, headers);
  finish(entry, 200, envelope.retCode);
}

/** Answers an injected fault that replaces the normal answer; false when the fault only reshapes it. */
function answerFault(state: RouterState, fault: FaultAction, req: IncomingMessage, res: ServerResponse, entry: RequestLogEntry, path: string, baseHeaders: Record<string, string>): boolean {
  switch (fault.kind) {
    case 'hang':
      // Never answered; the entry closes when the client gives up or the server stops.
      res.on('close', () => finish(entry, 0, null));
      return true;
    case 'reset':
      req.socket.destroy();
      finish(entry, 0, null);
      return true;
    case 'http': {
      const plain = fault.status === 403;
      const body = fault.body ?? (plain ? 'access too frequent' : htmlErrorPage(fault.status));
      send(res, fault.status, plain ? 'text/plain; charset=utf-8' : 'text/html', body, baseHeaders);
      finish(entry, fault.status, null);
      return true;
    }
    case 'retCode': {
      const known = RET_MSG[fault.retCode as keyof typeof RET_MSG] as string | undefined;
      const headers = { ...baseHeaders };
      if (fault.retCode === 10006) {
        const now = state.now();
        const limit = state.limiter.hit(entry.apiKey ?? 'anonymous', path, now).limit;
        Object.assign(headers, limitHeaders({ limit, remaining: 0, resetTimestamp: now + 1000, exceeded: true }));
      }
      const header = (name: string): string => String(req.headers[name] ?? '');
      const detailed =
        fault.retCode === 10002 ? clockErrorMessage(header('x-bapi-timestamp'), state.now(), header('x-bapi-recv-window') || '5000') : known;
      sendEnvelope(res, entry, errorEnvelope(fault.retCode, fault.retMsg ?? detailed ?? 'error', state.now()), headers, null);
      return true;
    }
    default:
      return false;
  }
}

export async function route(state: RouterState, parsed: ParsedRequest, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { method, path, query } = parsed;
  const entry = state.log.start(method, path, query, presentedApiKey(req.headers));
  const baseHeaders = { Timenow: String(state.now()), Traceid: entry.seq.toString(16).padStart(32, '0') };
  await sleep(state.latencyMs);

  const remoteIp = normaliseIp(req.socket.remoteAddress ?? '');
  if (state.enforceRateLimits && state.limiter.ipBlocked(remoteIp, Date.now())) {
    send(res, 403, 'text/plain; charset=utf-8', 'access too frequent', baseHeaders);
    finish(entry, 403, null);
    return;
  }

  const { delayMs, fault } = state.faults.take(path, query);
  if (fault) entry.fault = fault.kind;
  await sleep(delayMs);
  if (fault && answerFault(state, fault, req, res, entry, path, baseHeaders)) return;

  const routeDef = ROUTES[path];
  if (!routeDef || routeDef.method !== method) {
    send(res, 404, 'text/plain; charset=utf-8', '404 page not found', baseHeaders);
    finish(entry, 404, null);
    return;
  }

  const headers: Record<string, string> = { ...baseHeaders };
  const ctx: HandlerContext = { query, scenario: state.scenario, now: state.now(), key: null, environment: state.environment };
  let envelope: Envelope;
  try {
    if (routeDef.private) {
      const key = authenticate({ ...parsed, headers: req.headers, remoteIp }, { serverTime: ctx.now, environment: state.environment, keys: state.keys });
      const status: LimitStatus = state.limiter.hit(key.apiKey, path, ctx.now);
      Object.assign(headers, limitHeaders(status));
      if (status.exceeded && state.enforceRateLimits) throw new BybitError(10006, RET_MSG[10006]);
      ctx.key = key;
      if (key.deniedPaths?.includes(path) || (routeDef.allowed && !routeDef.allowed(key, ctx))) {
        throw new BybitError(10005, RET_MSG[10005]);
      }
    }
    envelope = okEnvelope(routeDef.handler(ctx), state.now());
  } catch (error) {
    envelope =
      error instanceof BybitError
        ? errorEnvelope(error.retCode, error.retMsg, state.now())
        : // A scenario the handlers cannot serve is a test bug; say so instead of hiding it.
          errorEnvelope(10016, `${RET_MSG[10016]} (fake: ${error instanceof Error ? error.message : String(error)})`, state.now());
  }
  sendEnvelope(res, entry, envelope, headers, fault);
}
