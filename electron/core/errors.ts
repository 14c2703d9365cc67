import type { AppErrorInfo, ErrorClass } from '../../shared/domain.js';

/**
 * A classified failure: what went wrong in words a user can act on, and what to do.
 * `message` and `recommendation` must already be free of secrets; `cause` is kept
 * for the log (which redacts it again) and never crosses the API.
 */
export class AppError extends Error {
  readonly errorClass: ErrorClass;
  readonly recommendation: string;
  /** Whether trying again later can succeed (network, rate limit, exchange down). */
  readonly transient: boolean;
  /** For a rate limit: how long until the exchange's window resets, when it said so. */
  readonly retryAfterMs: number | null;

  constructor(errorClass: ErrorClass, message: string, recommendation: string, options: { cause?: unknown; transient?: boolean; retryAfterMs?: number | null } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.errorClass = errorClass;
    this.recommendation = recommendation;
    this.transient = options.transient ?? false;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }

  toInfo(): AppErrorInfo {
    return { errorClass: this.errorClass, message: this.message, recommendation: this.recommendation };
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** A configuration or usage problem: the CLI exits with code 2. */
export function configError(message: string, recommendation: string): AppError {
  return new AppError('config', message, recommendation);
}
