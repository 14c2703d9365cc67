// Named import: under NodeNext the package's CommonJS typings make the default import the namespace.
import { Decimal } from 'decimal.js';

/**
 * The one decimal type for money and quantities. 40 significant digits is far past
 * anything an exchange reports, and plain notation keeps strings NUMERIC-safe
 * ("0.00000001", never "1e-8").
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -1000, toExpPos: 1000 });
export type Dec = InstanceType<typeof Dec>;

/** Parses an exchange or database string; throws on anything that is not a finite number. */
export function dec(value: string | Dec): Dec {
  const d = new Dec(value);
  if (!d.isFinite()) throw new Error(`not a finite decimal: ${String(value)}`);
  return d;
}

/** Like {@link dec} but maps empty/absent values to null (unknown stays unknown). */
export function decOrNull(value: string | null | undefined): Dec | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  return dec(value);
}

/** Plain-notation string without trailing zeros, or null. */
export function str(value: Dec | null): string | null {
  return value === null ? null : value.toString();
}

export const ZERO = new Dec(0);
export const ONE = new Dec(1);
export const HUNDRED = new Dec(100);
