import type { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { apiEventNames, type ApiEvents, type ApiHandlers } from '../../../shared/api.js';
import { AppError, configError } from '../errors.js';
import type { EventBus } from '../sync/event-bus.js';
import { createApiDispatcher } from './api-dispatch.js';
import { createDashboardAuthGate } from './auth-gate.js';
import { createLimitedServer, type ServerLimits } from './http-limits.js';
import { clientAddress, type AuthLimiterPolicy } from './auth-limiter.js';
import type { RefusalLogTimers } from './refusal-log.js';
import { allowedHosts, hostForUrl, isAllowedHost, isAllowedOrigin } from './request-guard.js';
import { BARE_HEADERS, securityHeaders } from './security-headers.js';
import { createStaticFiles, NOT_BUILT_PAGE } from './static-files.js';
import { WS_CLOSE, WS_PATH } from '../../../shared/ws-protocol.js';
import { startWsSession, type WsSession } from './ws-session.js';

export interface DashboardServerOptions {
  /** Address to listen on; 127.0.0.1 unless the user chose otherwise. */
  host: string;
  /** 0 picks a free port. */
  port: number;
  token: string;
  /** The renderer's build (renderer/dist). */
  staticRoot: string;
  handlers: ApiHandlers;
  events: EventBus<ApiEvents>;
  redact: (text: string) => string;
  log: { info(message: string, data?: Record<string, unknown>): void; warn(message: string, data?: Record<string, unknown>): void };
  /** Default 10 s. */
  authTimeoutMs?: number;
  /** Timeouts and the connection cap of the HTTP server; tests shorten them. */
  limits?: Partial<ServerLimits>;
  /** How wrong tokens are slowed down per remote address. */
  authPolicy?: AuthLimiterPolicy;
  /** Clock and timers of the lockout and the refusal summary; tests pass their own. */
  now?: () => number;
  timers?: RefusalLogTimers;
}


/** A running dashboard. */
export interface DashboardServer {
  /** e.g. http://127.0.0.1:8780/ (without the token). */
  readonly url: string;
  readonly port: number;
  /** Closes every socket and stops listening. */
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 256 * 1024;
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/**
 * `serve`'s HTTP server: the built dashboard as static files and, on {@link WS_PATH}, the
 * same handler table and event stream the Electron IPC serves. Every request must name
 * this server in its Host header (DNS rebinding), any Origin must be one of our own
 * pages, and a WebSocket must present the token before anything else.
 */
export async function startDashboardServer(opts: DashboardServerOptions): Promise<DashboardServer> {
  const files = createStaticFiles(opts.staticRoot);
  const dispatch = createApiDispatcher({ handlers: opts.handlers, redact: opts.redact, warn: (m, d) => opts.log.warn(m, d) });
  const sessions = new Set<WsSession>();
  // Filled once the port is known; nothing is accepted before that.
  let hosts: ReadonlySet<string> = new Set();

  const serveHttp = async (req: IncomingMessage, res: ServerResponse) => {
    const host = req.headers.host;
    if (host === undefined || !isAllowedHost(host, hosts)) return plain(res, 403, 'This server answers only to its own address.', BARE_HEADERS);
    const headers = securityHeaders(host.toLowerCase());
    if (!isAllowedOrigin(req.headers.origin, hosts)) return plain(res, 403, 'Requests from other sites are refused.', headers);
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'Only GET and HEAD.', { ...headers, Allow: 'GET, HEAD' });
    const target = req.url ?? '';
    if (!target.startsWith('/')) return plain(res, 400, 'Bad request.', headers);
    const pathname = target.split(/[?#]/, 1)[0]!;
    if (pathname === WS_PATH) return plain(res, 426, 'This address takes WebSocket connections.', headers);
    const found = await files(pathname);
    if (found.kind === 'not-found') return plain(res, 404, 'Not found.', headers);
    const body = found.kind === 'file' ? found.body : Buffer.from(NOT_BUILT_PAGE);
    res.writeHead(found.kind === 'file' ? 200 : 503, {
      ...headers,
      'Content-Type': found.kind === 'file' ? found.type : 'text/html; charset=utf-8',
      'Content-Length': body.length,
      'Cache-Control': found.kind === 'file' && found.immutable ? 'public, max-age=31536000, immutable' : 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const auth = createDashboardAuthGate({
    token: opts.token, now: opts.now ?? Date.now, warn: (m, d) => opts.log.warn(m, d),
    ...(opts.authPolicy ? { policy: opts.authPolicy } : {}), ...(opts.timers ? { timers: opts.timers } : {}),
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false });
  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => undefined);
    const refuse = (status: string, extra: Record<string, string> = {}) => {
      const lines = Object.entries({ ...BARE_HEADERS, ...extra }).map(([k, v]) => `${k}: ${v}`);
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n${lines.join('\r\n')}\r\n\r\n`);
    };
    if ((req.url ?? '').split('?', 1)[0] !== WS_PATH) return refuse('404 Not Found');
    if (!isAllowedHost(req.headers.host, hosts)) return refuse('403 Forbidden');
    const address = clientAddress(req.socket.remoteAddress);
    if (!isAllowedOrigin(req.headers.origin, hosts)) {
      auth.refuse(address, 'foreign page');
      return refuse('403 Forbidden');
    }
    const gate = auth.admit(address);
    if (!gate.allowed) {
      return refuse('429 Too Many Requests', { 'Retry-After': String(Math.ceil(gate.retryAfterMs / 1000)) });
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const session = startWsSession({
        socket: ws, dispatch, authTimeoutMs: opts.authTimeoutMs ?? 10_000, maxBufferedBytes: MAX_BUFFERED_BYTES,
        checkToken: (t) => auth.checkToken(address, t),
      });
      sessions.add(session);
      ws.on('close', () => sessions.delete(session));
    });
  };

  const server = createLimitedServer(opts.limits ?? {}, (req, res) => {
    serveHttp(req, res).catch((e: unknown) => {
      opts.log.warn('dashboard request failed', { message: opts.redact(e instanceof Error ? e.message : String(e)) });
      if (!res.headersSent) plain(res, 500, 'Internal error.', BARE_HEADERS);
      else res.destroy();
    });
  });
  server.on('upgrade', upgrade);
  await listen(server, opts.host, opts.port);
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(opts.host, port);
  // Serialised once per event, whatever the number of tabs.
  const unsubscribe = apiEventNames.map((name) => opts.events.on(name, (payload) => {
    const message = JSON.stringify({ event: name, payload });
    for (const s of sessions) s.push(name, message);
  }));
  const wildcard = opts.host === '0.0.0.0' || opts.host === '::';
  const url = `http://${wildcard ? '127.0.0.1' : hostForUrl(opts.host)}:${port}/`;
  opts.log.info('dashboard listening', { url });

  let closing: Promise<void> | null = null;
  return {
    url, port,
    close() {
      closing ??= (async () => {
        for (const off of unsubscribe) off();
        auth.flush();
        // Stop listening first: a tab reconnecting right away must not slip in while the others are closed.
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const ws of wss.clients) ws.close(WS_CLOSE.goingAway, 'server stopping');
        // A client that does not answer the close handshake is cut off shortly after.
        await waitUntil(() => wss.clients.size === 0, 1000);
        for (const ws of wss.clients) ws.terminate();
        server.closeAllConnections();
        await stopped;
        wss.close();
      })();
      return closing;
    },
  };
}

function plain(res: ServerResponse, status: number, text: string, headers: Record<string, string>): void {
  res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

function listen(server: ReturnType<typeof createServer>, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => reject(listenError(e, host, port));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function listenError(e: NodeJS.ErrnoException, host: string, port: number): AppError {
  if (e.code === 'EADDRINUSE') return configError(`Port ${port} on ${host} is already in use`, 'Stop the program using it, or choose another port with --port (0 picks a free one).');
  if (e.code === 'EACCES') return configError(`Listening on port ${port} is not allowed`, 'Ports below 1024 need administrator rights: choose a port above 1024 with --port.');
  if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') {
    return configError(`Cannot listen on ${host}: it is not an address of this computer`, 'Leave --host out (127.0.0.1), or give one of this computer\'s addresses.');
  }
  return new AppError('internal', `The dashboard could not start (${e.code ?? e.message})`, 'Run with EXCHANGE_SYNC_LOG_LEVEL=DEBUG and see the log file.', { cause: e });
}

async function waitUntil(done: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!done() && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
}
