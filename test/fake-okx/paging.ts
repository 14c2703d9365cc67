// OKX's id paging: lists come newest first; `after` = an id, answer older rows;
// `before` = an id, answer newer rows; `limit` at most 100 (default 100).
import { OkxError } from './envelope.js';

export function page<T>(rows: readonly T[], idOf: (r: T) => string, tsOf: (r: T) => number, query: Record<string, string>): T[] {
  const limit = query.limit === undefined ? 100 : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new OkxError('51000', 'Parameter limit error');
  const n = BigInt;
  let list = [...rows].sort((a, b) => (n(idOf(b)) > n(idOf(a)) ? 1 : -1));
  if (query.after) list = list.filter((r) => n(idOf(r)) < n(query.after!));
  if (query.before) list = list.filter((r) => n(idOf(r)) > n(query.before!));
  if (query.begin) list = list.filter((r) => tsOf(r) >= Number(query.begin));
  if (query.end) list = list.filter((r) => tsOf(r) <= Number(query.end));
  // With only `before`, OKX returns the rows closest to it, still newest first.
  const cut = query.before && !query.after ? list.slice(-Math.min(limit, 100)) : list.slice(0, Math.min(limit, 100));
  return cut;
}
