// Bybit V5 request authentication: key lookup, expiry, time window, HMAC signature,
// IP binding, in the order that gives each failure its own retCode.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { BybitError, RET_MSG, clockErrorMessage } from './envelope.js';
import type { FakeApiKey } from './keys.js';
import type { Environment } from './scenario-types.js';

const DAY_MS = 86_400_000;

export interface AuthRequest {
  method: string;
  /** The query string exactly as sent (no re-encoding): that is what the client signed. */
  rawQuery: string;
  body: string;
  headers: Record<string, string | string[] | undefined>;
  remoteIp: string;
}

export interface AuthContext {
  serverTime: number;
  environment: Environment;
  keys: readonly FakeApiKey[];
}

type Headers = AuthRequest['headers'];

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** The key the request names, valid or not; the request log records it. */
export function presentedApiKey(headers: Headers): string | null {
  return header(headers, 'X-BAPI-API-KEY') ?? null;
}

export function normaliseIp(ip: string): string {
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

export function keyExpiry(k: FakeApiKey, serverTime: number): number | null {
  return k.expiresInDays === null ? null : serverTime + k.expiresInDays * DAY_MS;
}

/** HMAC_SHA256(secret, timestamp + apiKey + recvWindow + (query | body)), hex. */
export function signPayload(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a.toLowerCase());
  const right = Buffer.from(b.toLowerCase());
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Returns the authenticated key or throws the BybitError Bybit would answer with. */
export function authenticate(req: AuthRequest, ctx: AuthContext): FakeApiKey {
  const apiKey = presentedApiKey(req.headers);
  // A key from another deployment (testnet key on mainnet) is simply unknown there.
  const k = ctx.keys.find((candidate) => candidate.apiKey === apiKey && candidate.environment === ctx.environment);
  if (!k) throw new BybitError(10003, RET_MSG[10003]);

  const expiry = keyExpiry(k, ctx.serverTime);
  if (expiry !== null && expiry <= ctx.serverTime) throw new BybitError(33004, RET_MSG[33004]);

  const timestamp = header(req.headers, 'X-BAPI-TIMESTAMP') ?? '';
  const recvWindow = header(req.headers, 'X-BAPI-RECV-WINDOW') ?? '5000';
  const ts = Number(timestamp);
  const window = Number(recvWindow);
  const inWindow =
    /^\d+$/.test(timestamp) &&
    Number.isFinite(window) &&
    ctx.serverTime - window <= ts &&
    ts < ctx.serverTime + 1000;
  if (!inWindow) {
    throw new BybitError(10002, clockErrorMessage(timestamp, ctx.serverTime, recvWindow));
  }

  const signed = req.method === 'POST' ? req.body : req.rawQuery;
  const origin = timestamp + (apiKey ?? '') + (header(req.headers, 'X-BAPI-RECV-WINDOW') ?? '') + signed;
  const expected = signPayload(k.secret, origin);
  const given = header(req.headers, 'X-BAPI-SIGN') ?? '';
  if (!sameHex(expected, given)) throw new BybitError(10004, `error sign! origin_string[${origin}]`);

  const ip = normaliseIp(req.remoteIp);
  if (!k.ips.includes('*') && !k.ips.includes(ip)) throw new BybitError(10010, RET_MSG[10010]);
  return k;
}
