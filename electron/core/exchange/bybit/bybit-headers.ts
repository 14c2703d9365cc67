/** Bybit's per-endpoint rate-limit headers, as numbers. */
export interface LimitHeaders {
  /** Requests allowed per second on this endpoint. */
  limit?: number;
  /** Requests left in the current window. */
  remaining?: number;
  /** When the window resets, on Bybit's clock (ms). */
  resetAt?: number;
}

/** Reads `X-Bapi-Limit`, `-Status` and `-Reset-Timestamp` from any header object, any case. */
export function readLimitHeaders(headers: unknown): LimitHeaders | null {
  if (typeof headers !== 'object' || headers === null) return null;
  const byName = new Map(Object.entries(headers as Record<string, unknown>).map(([k, v]) => [k.toLowerCase(), v]));
  const num = (name: string) => {
    const v = byName.get(name);
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
    return Number.isFinite(n) ? n : undefined;
  };
  const out: LimitHeaders = {};
  const limit = num('x-bapi-limit');
  const remaining = num('x-bapi-limit-status');
  const resetAt = num('x-bapi-limit-reset-timestamp');
  if (limit !== undefined) out.limit = limit;
  if (remaining !== undefined) out.remaining = remaining;
  if (resetAt !== undefined) out.resetAt = resetAt;
  return Object.keys(out).length ? out : null;
}
