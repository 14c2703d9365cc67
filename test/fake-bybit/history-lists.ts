// Bybit's rules for its history lists: a time window with a default span and a
// maximum, a two-year horizon, newest first, a bounded page size and an opaque cursor.
import { decodeOffset, encodeOffset } from './cursor.js';
import { paramsError } from './envelope.js';
import { HISTORY_MS } from './executions.js';
import { intParam, type HandlerContext } from './route-types.js';

const DAY_MS = 86_400_000;

export interface ListRules {
  /** Span when neither startTime nor endTime is given, and added to the one given. */
  defaultMs: number;
  /** Widest window Bybit accepts. */
  maxMs: number;
  maxLimit: number;
  defaultLimit: number;
}

/** Resolves the window and refuses one wider than Bybit allows, with Bybit's retCode 10001. */
export function listWindow(ctx: HandlerContext, rules: ListRules): { start: number; end: number } {
  const start = intParam(ctx.query, 'startTime');
  const end = intParam(ctx.query, 'endTime');
  if (Number.isNaN(start) || Number.isNaN(end)) throw paramsError('params error: startTime and endTime must be integers');
  if (start === undefined && end === undefined) return { start: ctx.now - rules.defaultMs, end: ctx.now };
  if (start === undefined) return { start: (end as number) - rules.defaultMs, end: end as number };
  if (end === undefined) return { start, end: start + rules.defaultMs };
  if (end < start) throw paramsError('params error: endTime must be greater than startTime');
  if (end - start > rules.maxMs) {
    throw paramsError(`params error: The time range between startTime and endTime cannot exceed ${Math.round(rules.maxMs / DAY_MS)} days`);
  }
  return { start, end };
}

/** Validates `limit` against the endpoint's bounds. */
export function listLimit(ctx: HandlerContext, rules: Pick<ListRules, 'maxLimit' | 'defaultLimit'>): number {
  const limit = intParam(ctx.query, 'limit') ?? rules.defaultLimit;
  if (!Number.isInteger(limit) || limit < 1 || limit > rules.maxLimit) throw paramsError(`params error: limit must be in [1, ${rules.maxLimit}]`);
  return limit;
}

/** One page of `items` (already newest first) from the request's cursor. */
export function pageOf<T>(ctx: HandlerContext, items: readonly T[], limit: number): { page: T[]; nextPageCursor: string } {
  const offset = ctx.query.cursor ? decodeOffset(ctx.query.cursor) : 0;
  if (offset === null) throw paramsError('params error: invalid cursor');
  const page = items.slice(offset, offset + limit);
  return { page, nextPageCursor: offset + limit < items.length ? encodeOffset(offset + limit) : '' };
}

/**
 * The records of a windowed list: inside the window and the two-year horizon, newest
 * first, one page of them.
 */
export function windowedPage<T>(ctx: HandlerContext, rules: ListRules, records: readonly T[], time: (r: T) => number): { page: T[]; nextPageCursor: string } {
  const { start, end } = listWindow(ctx, rules);
  const limit = listLimit(ctx, rules);
  const from = Math.max(start, ctx.now - HISTORY_MS);
  const inside = records.filter((r) => time(r) >= from && time(r) <= end).sort((a, b) => time(b) - time(a));
  return pageOf(ctx, inside, limit);
}

export { DAY_MS };
