import { z } from 'zod';

/** A UTC date (`2026-01-31`; as an upper bound it includes that day) or an ISO 8601 instant with its offset. */
export const isoWhen = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'a date such as 2026-01-31 or a time such as 2026-01-31T12:00:00Z' });

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** The instant a validated {@link isoWhen} names; a plain date as `to` is the end of that day (exclusive). */
export function whenToDate(value: string, bound: 'from' | 'to'): Date {
  if (!DATE_ONLY.test(value)) return new Date(value);
  const t = Date.parse(`${value}T00:00:00Z`);
  return new Date(bound === 'to' ? t + DAY_MS : t);
}
