// What an endpoint handler sees and returns.
import type { FakeApiKey } from './keys.js';
import type { Environment, Scenario } from './scenario-types.js';

export interface HandlerContext {
  /** Decoded query parameters. */
  query: Record<string, string>;
  scenario: Scenario;
  /** Server clock (local clock + skew), ms. */
  now: number;
  /** The authenticated key on private routes; null on public ones. */
  key: FakeApiKey | null;
  environment: Environment;
}

/** Returns the envelope's `result`, or throws a BybitError. */
export type Handler = (ctx: HandlerContext) => unknown;

export interface Route {
  method: 'GET' | 'POST';
  private: boolean;
  handler: Handler;
  /** Extra permission check after authentication; false answers 10005. */
  allowed?: (key: FakeApiKey, ctx: HandlerContext) => boolean;
}

/** Reads an integer parameter; undefined when absent, NaN when not an integer. */
export function intParam(query: Record<string, string>, name: string): number | undefined {
  const raw = query[name];
  if (raw === undefined || raw === '') return undefined;
  return /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
}
