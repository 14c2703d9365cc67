import { z } from 'zod';
import type { AppErrorInfo } from '../../../shared/domain.js';
import { AppError } from '../errors.js';
import { adviceFor } from '../error-advice.js';

/**
 * What a front end is told about a failed call: the class, a message meant for the user
 * and what to do, redacted once more. An unclassified exception's own message stays in
 * the log; the front end gets "unexpected failure". Shared by every transport (Electron
 * IPC, the `serve` WebSocket), so a failure reads the same in the window and the browser.
 */
export function toErrorInfo(e: unknown, channel: string, redact: (s: string) => string): AppErrorInfo {
  if (e instanceof AppError) return { errorClass: e.errorClass, message: redact(e.message), recommendation: redact(e.recommendation) };
  if (e instanceof z.ZodError) return inputError(e, channel);
  return { errorClass: 'internal', message: `Unexpected failure in ${channel}`, recommendation: adviceFor('internal') };
}

/** A rejected input: which field and why, never the value (it may be a key). */
export function inputError(e: z.ZodError, channel: string): AppErrorInfo {
  const issue = e.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return { errorClass: 'config', message: `Invalid input for ${channel}: ${where}${issue?.message ?? 'invalid'}`, recommendation: 'Correct the value and try again; nothing was changed.' };
}
