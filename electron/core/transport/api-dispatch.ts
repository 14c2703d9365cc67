import { z } from 'zod';
import { apiInputs, parseApiInput, type ApiChannel, type ApiHandlers, type ApiReply } from '../../../shared/api.js';
import { inputError, toErrorInfo } from './api-errors.js';

export interface ApiDispatchDeps {
  handlers: ApiHandlers;
  redact: (text: string) => string;
  warn: (message: string, data?: Record<string, unknown>) => void;
}

type Route = (input: unknown) => Promise<unknown>;

/**
 * Runs one call of shared/api.ts from an untrusted front end: the channel must be one of
 * `apiInputs` and the input must pass its zod schema before the core's handler sees it.
 * Every failure becomes an ApiError; an unclassified one is logged (redacted) because the
 * front end only learns "unexpected failure". The transport checks its caller first.
 */
export function createApiDispatcher(deps: ApiDispatchDeps): (channel: unknown, input: unknown) => Promise<ApiReply> {
  // A Map, not the object: "__proto__" or "constructor" must never resolve to a route.
  const routes = new Map<string, Route>((Object.keys(apiInputs) as ApiChannel[]).map((channel) => [
    channel,
    (input: unknown) => (deps.handlers[channel] as (i: unknown) => Promise<unknown>)(parseApiInput(channel, input)),
  ]));
  return async (channel, input) => {
    const name = typeof channel === 'string' ? channel.slice(0, 64) : typeof channel;
    const route = typeof channel === 'string' ? routes.get(channel) : undefined;
    if (!route) return { ok: false, error: { errorClass: 'config', message: `There is no call named ${name}`, recommendation: 'Update the dashboard and the app together.' } };
    try {
      return { ok: true, value: await route(input) };
    } catch (e) {
      if (e instanceof z.ZodError) return { ok: false, error: inputError(e, name) };
      const error = toErrorInfo(e, name, deps.redact);
      if (error.errorClass === 'internal') deps.warn('API call failed', { channel: name, message: deps.redact(e instanceof Error ? e.message : String(e)) });
      return { ok: false, error };
    }
  };
}
