import { AppError } from '../../errors.js';
import type { ErrorContext } from '../classify-error.js';

/** OKX's answer code, kept as the cause of the AppError made from it (diagnostics read it back). */
export class OkxCodeError extends Error {
  override name = 'OkxCodeError';
  constructor(readonly code: string, msg: string) {
    super(`OKX code ${code}: ${msg}`);
  }
}

/** The OKX code behind a classified error, or null when it did not come from an OKX answer. */
export function okxCodeOf(e: AppError): string | null {
  return e.cause instanceof OkxCodeError ? e.cause.code : null;
}

const CLOCK_ADVICE = 'Turn on automatic time sync in the operating system (Windows: Settings › Time › Sync now; macOS: Date & Time › Set automatically; Linux: timedatectl set-ntp true).';

function envHint(ctx: ErrorContext): string {
  return ctx.demo
    ? 'This account is set to demo trading (OKX_DEMO=true): only keys created under Demo Trading work. Turn demo off if the key is a live one.'
    : 'A key created under OKX Demo Trading does not work on the live site: turn demo trading on for this account (OKX_DEMO=true) if that is where the key is from.';
}

/**
 * An OKX answer whose `code` is not "0", as an {@link AppError}. OKX's authentication
 * codes each name one cause; they are mapped one by one so a wrong passphrase is never
 * reported as a bad signature. Unknown codes keep OKX's own short text, redacted.
 */
export function classifyOkxCode(code: string, msg: string, ctx: ErrorContext): AppError {
  const e = okxAppError(code, msg, ctx);
  return new AppError(e.errorClass, e.message, e.recommendation, { cause: new OkxCodeError(code, ctx.redactor.redact(msg)), transient: e.transient });
}

function okxAppError(code: string, msg: string, ctx: ErrorContext): AppError {
  const said = msg ? ` (OKX said: "${ctx.redactor.redact(msg).slice(0, 200)}", code ${code})` : ` (code ${code})`;
  const what = ctx.what ?? 'this data';
  switch (code) {
    case '50102':
    case '50112':
      return new AppError('clock', `OKX rejected the request time: this computer's clock is more than 30 seconds off${said}`, CLOCK_ADVICE, { transient: true });
    case '50101':
      return new AppError('auth', `The API key belongs to the other OKX environment (${ctx.demo ? 'a live key used for demo trading' : 'a demo-trading key used on the live site'})${said}`, envHint(ctx));
    case '50103':
    case '50111':
    case '50119':
      return new AppError('auth', `OKX says the API key is invalid${said}`, `Check that the key was copied whole and has not been deleted. ${envHint(ctx)}`);
    case '50104':
      return new AppError('auth', `OKX needs the key's passphrase and none was sent${said}`, 'Set OKX_API_PASSWORD (or the passphrase field in Settings) to the passphrase chosen when the key was created.');
    case '50105':
      return new AppError('auth', `OKX rejected the API passphrase: it is not the one chosen for this key${said}`, 'Enter the passphrase again (OKX_API_PASSWORD or the passphrase field): it is the one you typed when creating the key, not your login password.');
    case '50113':
      return new AppError('auth', `OKX rejected the signature of the request, so the API secret does not belong to this key (the key and passphrase were accepted)${said}`, 'Enter the API secret again, exactly as shown when the key was created.');
    case '50100':
    case '50120':
    case '50121':
      return new AppError('permission', `The API key has no permission to read ${what}${said}`, 'Edit the key on OKX and grant the Read permission.');
    case '50110':
      return new AppError('ip', `OKX refused this computer's IP address for the key${said}`, "Add this computer's public IP address to the key's IP whitelist on OKX, or create a key bound to it.");
    case '50011':
    case '50061':
      return new AppError('rate-limit', `OKX rate limit reached${said}`, 'Nothing to do: the sync waits and tries again. If it persists, another program may be using the same key heavily.', { transient: true });
    case '50001':
    case '50004':
    case '50013':
    case '50026':
      return new AppError('exchange-down', `OKX is not answering properly (service busy or under maintenance)${said}`, 'Nothing to do on your side: the sync tries again later. Check status.okx.com if it lasts.', { transient: true });
    default:
      return new AppError('bad-response', `OKX refused the request for ${what}${said}`, 'If this keeps happening, report it with the diagnostics report attached.');
  }
}
