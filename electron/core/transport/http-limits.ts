import { createServer, type RequestListener } from 'node:http';

/** What bounds the HTTP server's connections (Node's http.Server settings). */
export interface ServerLimits {
  /** Longest a client may take to send a request's headers. */
  headersTimeoutMs: number;
  /** Longest a client may take to send a whole request. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open. */
  keepAliveTimeoutMs: number;
  /** How often the two request timeouts are checked. */
  checkIntervalMs: number;
  /** Open connections at most (WebSockets included); beyond, new ones are dropped. */
  maxConnections: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5000, checkIntervalMs: 2000, maxConnections: 256 };

/**
 * An HTTP server that cuts off slow or half-open clients: headers and whole requests have
 * a deadline (answered 408), idle keep-alive connections close, and there is a cap on open
 * connections (beyond it, new ones are dropped).
 */
export function createLimitedServer(given: Partial<ServerLimits>, listener: RequestListener): ReturnType<typeof createServer> {
  const limits = { ...DEFAULT_SERVER_LIMITS, ...given };
  const server = createServer({
    headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs, connectionsCheckingInterval: limits.checkIntervalMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
  }, listener);
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  return server;
}
