// OKX V5 request authentication, checked in the order that gives each failure its own code:
// headers present, timestamp format and 30 s window, key, environment (demo vs live),
// passphrase, signature, IP binding.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { OKX_MSG, OkxError } from './envelope.js';
import type { FakeOkxKey, OkxEnvironment } from './keys.js';

const WINDOW_MS = 30_000;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export interface OkxAuthRequest {
  method: string;
  /** Path plus "?query" exactly as sent: that is what the client signed. */
  requestPath: string;
  body: string;
  headers: Record<string, string | string[] | undefined>;
  remoteIp: string;
}

type Headers = OkxAuthRequest['headers'];

export function okxHeader(headers: Headers, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** base64(HMAC-SHA256(secret, timestamp + method + requestPath + body)). */
export function okxSign(secret: string, prehash: string): string {
  return createHmac('sha256', secret).update(prehash).digest('base64');
}

const same = (a: string, b: string) => {
  const l = Buffer.from(a);
  const r = Buffer.from(b);
  return l.length === r.length && timingSafeEqual(l, r);
};

/** Returns the authenticated key or throws the OkxError OKX would answer with. */
export function authenticateOkx(req: OkxAuthRequest, ctx: { serverTime: number; keys: readonly FakeOkxKey[] }): FakeOkxKey {
  const apiKey = okxHeader(req.headers, 'OK-ACCESS-KEY');
  if (!apiKey) throw new OkxError('50103');
  const sign = okxHeader(req.headers, 'OK-ACCESS-SIGN');
  if (!sign) throw new OkxError('50106');
  const timestamp = okxHeader(req.headers, 'OK-ACCESS-TIMESTAMP');
  if (!timestamp) throw new OkxError('50107');
  const ts = Date.parse(timestamp);
  if (!ISO_MS.test(timestamp) || !Number.isFinite(ts)) throw new OkxError('50112');
  if (Math.abs(ctx.serverTime - ts) > WINDOW_MS) throw new OkxError('50102');
  const key = ctx.keys.find((k) => k.apiKey === apiKey);
  if (!key) throw new OkxError('50111');
  const simulated = okxHeader(req.headers, 'x-simulated-trading') === '1';
  const wanted: OkxEnvironment = simulated ? 'demo' : 'live';
  if (key.environment !== wanted) throw new OkxError('50101');
  const passphrase = okxHeader(req.headers, 'OK-ACCESS-PASSPHRASE');
  if (!passphrase) throw new OkxError('50104');
  if (passphrase !== key.passphrase) throw new OkxError('50105');
  if (!same(okxSign(key.secret, timestamp + req.method + req.requestPath + req.body), sign)) throw new OkxError('50113');
  if (key.ips.length > 0 && !key.ips.includes(req.remoteIp)) throw new OkxError('50110', OKX_MSG['50110']!.replace('{0}', req.remoteIp));
  return key;
}
