import type { DiagnosticStatus } from '../../../shared/api.js';
import { AppError } from '../errors.js';

/** What one check found, before the runner adds its id, account and title and redacts it. */
export interface CheckOutcome {
  status: DiagnosticStatus;
  detail: string;
  /** For a person, present on warn and fail; may be empty on pass. */
  recommendation: string;
  data: Record<string, unknown>;
}

/** One check to run: independent of every other check, bounded by the runner's timeout. */
export interface CheckDefinition {
  id: string;
  /** `exchange/account`, or null for a global check. */
  account: string | null;
  title: string;
  /** Overrides the runner's per-check timeout (the built-in database may take a while to start). */
  timeoutMs?: number;
  run(): Promise<CheckOutcome>;
}

/** Outcome constructors: a recommendation is required for warn and fail. */
export const pass = (detail: string, data: Record<string, unknown> = {}, recommendation = ''): CheckOutcome => ({ status: 'pass', detail, recommendation, data });
export const warn = (detail: string, recommendation: string, data: Record<string, unknown> = {}): CheckOutcome => ({ status: 'warn', detail, recommendation, data });
export const fail = (detail: string, recommendation: string, data: Record<string, unknown> = {}): CheckOutcome => ({ status: 'fail', detail, recommendation, data });
export const skip = (detail: string, data: Record<string, unknown> = {}, recommendation = ''): CheckOutcome => ({ status: 'skip', detail, recommendation, data });

/** Error classes that say "could not find out" rather than "this is wrong". */
const CANNOT_TELL = new Set(['network', 'exchange-down', 'bad-response', 'rate-limit', 'internal']);

/** Whether a prerequisite failure means the check could not be done (skip), not that its subject is broken. */
export function cannotTell(e: AppError): boolean {
  return CANNOT_TELL.has(e.errorClass);
}

/**
 * A skip that says why the check could not run. No advice of its own: the check that
 * found the cause (reachability, credentials) gives the specific one, and repeating the
 * error class's general advice here contradicted it.
 */
export function blockedBy(e: AppError, data: Record<string, unknown> = {}): CheckOutcome {
  return skip(`Not checked: ${e.message}`, { ...data, errorClass: e.errorClass });
}

/** Anything thrown, as an AppError (a plain Error becomes 'internal'). */
export function asAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  return new AppError('internal', e instanceof Error ? e.message : String(e), 'If this keeps happening, report it with the diagnostics report attached.', { cause: e });
}

/** The retCode an exchange error carries in its cause (ccxt puts the body in the message). */
export function retCodeOf(e: AppError): number | null {
  const cause = e.cause as { message?: unknown } | undefined;
  const text = typeof cause?.message === 'string' ? cause.message : '';
  const code = /"ret_?[cC]ode"\s*:\s*"?(\d+)/.exec(text)?.[1];
  return code === undefined ? null : Number(code);
}

const DATE_TIME = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** A moment for people (the report goes to support, so UTC): "5 Dec 2026, 14:00 UTC". */
export function humanDate(d: Date): string {
  return `${DATE_TIME.format(d)} UTC`;
}

/** A duration for people: "850 ms", "3.2 s", "4 min", "5 h", "3 days". */
export function humanDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1000) return `${Math.round(abs)} ms`;
  if (abs < 60_000) return `${(abs / 1000).toFixed(1)} s`;
  if (abs < 3_600_000) return `${Math.round(abs / 60_000)} min`;
  if (abs < 2 * 86_400_000) return `${Math.round(abs / 3_600_000)} h`;
  return `${Math.round(abs / 86_400_000)} days`;
}
