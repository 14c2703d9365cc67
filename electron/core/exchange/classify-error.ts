import { AppError } from '../errors.js';
import type { Redactor } from '../redact.js';

export interface ErrorContext {
  exchangeName: string;
  testnet: boolean;
  demo: boolean;
  redactor: Redactor;
  /** What was being read, in words: "the Funding wallet". */
  what?: string;
}

/** Raised by our response parsers when the exchange answered 200 with the wrong shape. */
export class BadResponseError extends Error {
  override name = 'BadResponseError';
}

const CCXT_CLASSES = ['InvalidNonce', 'AccountSuspended', 'PermissionDenied', 'AuthenticationError', 'DDoSProtection', 'RateLimitExceeded',
  'OnMaintenance', 'ExchangeNotAvailable', 'RequestTimeout', 'NetworkError', 'NullResponse', 'BadResponse', 'BadSymbol', 'BadRequest', 'ExchangeError'] as const;

/**
 * Turns whatever ccxt, the network or a parser threw into an {@link AppError} with a
 * class and a recommendation. The message keeps the exchange's own short text
 * (retMsg), redacted; never ccxt's full message, which embeds URLs and bodies.
 */
export function classifyExchangeError(err: unknown, ctx: ErrorContext): AppError {
  if (err instanceof AppError) return err;
  const raw = err instanceof Error ? err.message : String(err);
  const code = /"ret_?[cC]ode"\s*:\s*"?(\d+)/.exec(raw)?.[1];
  const retMsg = /"ret_?[mM]sg"\s*:\s*"([^"]{0,200})/.exec(raw)?.[1];
  // Bybit's 10004 text quotes the whole signed string (timestamp, key, window): noise to
  // a person, and the key must not be in it anyway.
  const shortMsg = retMsg?.replace(/[\s,;]*origin_string\[.*$/, '').trim();
  const said = shortMsg ? ` (${ctx.exchangeName} said: "${ctx.redactor.redact(shortMsg)}")` : '';
  const byCode = code ? fromRetCode(code, said, ctx) : null;
  if (byCode) return withCause(byCode, err);
  return withCause(fromErrorKind(err, raw, said, ctx), err);
}

function withCause(e: AppError, cause: unknown): AppError {
  return new AppError(e.errorClass, e.message, e.recommendation, { cause, transient: e.transient });
}

function envHint(ctx: ErrorContext): string {
  if (ctx.demo) return 'This account is set to demo trading: only keys created in demo mode work. Turn demo off if the key is a normal one.';
  if (ctx.testnet) return 'This account is set to testnet: only keys created on testnet work. Turn testnet off if the key is from the main site.';
  return 'A key created on testnet or in demo trading does not work on the main site: turn testnet (or demo) on for this account if that is where the key is from.';
}

function fromRetCode(code: string, said: string, ctx: ErrorContext): AppError | null {
  const ex = ctx.exchangeName;
  switch (code) {
    case '10002':
      return new AppError('clock', `${ex} rejected the request time: this computer's clock is off${said}`, 'Turn on automatic time sync in the operating system (Windows: Settings › Time › Sync now; macOS: Date & Time › Set automatically; Linux: timedatectl set-ntp true).', { transient: true });
    case '10003':
      return new AppError('auth', `${ex} says the API key is invalid${said}`, `Check that the key was copied whole and has not been deleted. ${envHint(ctx)}`);
    case '10004':
      return new AppError('auth', `${ex} rejected the signature of the request, so the API secret does not belong to this key${said}`, 'Enter the API secret again, exactly as shown when the key was created.');
    case '10005':
      return new AppError('permission', `The API key has no permission to read ${ctx.what ?? 'this data'}${said}`, `Edit the key on ${ex} and grant the read permission it lacks (a read-only key with Wallet and Trade read access is enough).`);
    case '10006':
      return new AppError('rate-limit', `${ex} rate limit reached${said}`, 'Nothing to do: the sync waits and tries again. If it persists, another program may be using the same key heavily.', { transient: true });
    case '10010':
      return new AppError('ip', `${ex} refused this computer's IP address for the key${said}`, "Add this computer's public IP address to the key's IP restriction on the exchange, or create a key bound to it.");
    case '33004':
      return new AppError('auth', `The API key has expired${said}`, `Create a new read-only key on ${ex} (bind it to your IP so it does not expire after 90 days) and enter it again.`);
    default:
      return null;
  }
}

function ccxtKind(err: unknown): (typeof CCXT_CLASSES)[number] | null {
  for (let proto = err as object | null; proto; proto = Object.getPrototypeOf(proto) as object | null) {
    const name = (proto as { constructor?: { name?: string } }).constructor?.name;
    const hit = CCXT_CLASSES.find((c) => c === name);
    if (hit) return hit;
  }
  return null;
}

function fromErrorKind(err: unknown, raw: string, said: string, ctx: ErrorContext): AppError {
  const ex = ctx.exchangeName;
  const sysCode = (err as { code?: unknown; cause?: { code?: unknown } })?.code ?? (err as { cause?: { code?: unknown } })?.cause?.code;
  if (err instanceof BadResponseError) {
    return new AppError('bad-response', `${ex} sent an answer that could not be read: ${ctx.redactor.redact(err.message)}`, 'Usually temporary; the next sync tries again. If it keeps happening, the exchange changed its API: check for an update of AlphaPulse Sync.');
  }
  switch (ccxtKind(err)) {
    case 'InvalidNonce':
      return fromRetCode('10002', said, ctx) as AppError;
    case 'AccountSuspended':
    case 'PermissionDenied':
      return new AppError('permission', `The API key has no permission to read ${ctx.what ?? 'this data'}${said}`, `Edit the key on ${ex} and grant the read permission it lacks.`);
    case 'AuthenticationError':
      return new AppError('auth', `${ex} did not accept the API key${said}`, `Check the API key and secret. ${envHint(ctx)}`);
    case 'DDoSProtection':
    case 'RateLimitExceeded':
      return new AppError('rate-limit', `${ex} is limiting requests from this key or IP address${said}`, 'Nothing to do: the sync waits and tries again.', { transient: true });
    case 'OnMaintenance':
    case 'ExchangeNotAvailable':
      return new AppError('exchange-down', `${ex} is not answering properly (server error or maintenance)`, 'Nothing to do on your side: the sync tries again later. Check the exchange status page if it lasts.', { transient: true });
    case 'RequestTimeout':
      return new AppError('network', `${ex} did not answer in time`, 'Check the internet connection (and proxy/VPN); the sync tries again.', { transient: true });
    case 'NetworkError':
      return new AppError('network', `Could not reach ${ex}${networkDetail(raw)}`, 'Check the internet connection, firewall, proxy or VPN; if the exchange is blocked in your region, set a regional API URL (e.g. api.bybit.eu).', { transient: true });
    case 'NullResponse':
    case 'BadResponse':
      return new AppError('bad-response', `${ex} sent an answer that could not be read`, 'Usually temporary; the next sync tries again.', { transient: true });
    case 'BadSymbol':
    case 'BadRequest':
    case 'ExchangeError':
      return new AppError('bad-response', `${ex} refused the request${said}`, 'If this keeps happening, report it with the diagnostics report attached.');
    default:
      break;
  }
  if (typeof sysCode === 'string' && /^E[A-Z]+/.test(sysCode)) {
    return new AppError('network', `Could not reach ${ex} (${sysCode})`, 'Check the internet connection, firewall, proxy or VPN.', { transient: true });
  }
  return new AppError('internal', `Unexpected failure while reading ${ex}: ${ctx.redactor.redact(raw).slice(0, 200)}`, 'Run the diagnostics; if the problem stays, report it with the diagnostics report.');
}

function networkDetail(raw: string): string {
  const m = /\b(ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|socket hang up|certificate)\b/i.exec(raw);
  return m ? ` (${m[1]})` : '';
}
