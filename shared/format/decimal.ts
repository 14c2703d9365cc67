// Named import: under NodeNext (the unit tests) the package's CommonJS typings make the default import the namespace.
import { Decimal } from 'decimal.js';

/**
 * Exact arithmetic on the decimal strings the API sends (never a binary float
 * in arithmetic). The same settings as the core: plain notation, 40 significant digits.
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -1000, toExpPos: 1000 });
export type Dec = InstanceType<typeof Dec>;

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A decimal from an API string; null for null, an empty or a malformed string (unknown stays unknown). */
export function toDec(value: string | null | undefined): Dec | null {
  if (value === null || value === undefined) return null;
  const s = value.trim();
  if (!NUMERIC.test(s)) return null;
  return new Dec(s);
}

/** -1, 0 or 1 for a decimal string; null when unknown. */
export function signOf(value: string | null): -1 | 0 | 1 | null {
  const d = toDec(value);
  if (d === null) return null;
  return d.isZero() ? 0 : d.isNegative() ? -1 : 1;
}

/**
 * Orders two decimal strings exactly; unknown values sort after every known one whatever
 * the direction, so "unpriced" never mixes in with real figures.
 */
export function compareDecimals(a: Dec | null, b: Dec | null, direction: 1 | -1): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return a.cmp(b) * direction;
}

/** Sum of the known values; null when none is known. */
export function sumKnown(values: ReadonlyArray<string | null>): Dec | null {
  let total: Dec | null = null;
  for (const v of values) {
    const d = toDec(v);
    if (d !== null) total = total === null ? d : total.plus(d);
  }
  return total;
}
