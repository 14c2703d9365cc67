import { Dec, toDec } from './decimal.js';

/**
 * Display formatting of the API's decimal strings, one rule per kind of figure (money,
 * price, quantity, percent), shared by the dashboard and the CLI. Intl formats a
 * numeric string exactly (ES2023), so a figure is never squeezed through a binary float
 * on its way to the screen. `locale` is for tests; undefined means the user's own.
 */
type Locale = string | undefined;

const cache = new Map<string, Intl.NumberFormat>();

// Building an Intl.NumberFormat is far slower than using one; a table of 2,000 rows reuses a handful.
function formatter(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let nf = cache.get(key);
  if (!nf) {
    nf = new Intl.NumberFormat(locale, options);
    cache.set(key, nf);
  }
  return nf;
}

/** Plain notation ("0.00000001", never "1e-8"), typed as the numeric string Intl accepts. */
function plain(d: Dec): `${number}` {
  return d.toFixed() as `${number}`;
}

function format(d: Dec, options: Intl.NumberFormatOptions, locale: Locale): string {
  return formatter(locale, options).format(plain(d));
}

/** What a figure shows when the API does not know it. */
export const UNKNOWN = '—';

/** A money amount with two decimals: "12,345.67"; `signed` adds "+" to gains. */
export function formatAmount(value: string | null, locale?: Locale, signed = false): string {
  const d = toDec(value);
  if (d === null) return UNKNOWN;
  return format(d, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: signed ? 'exceptZero' : 'negative' }, locale);
}

/** A money amount with its unit: "12,345.67 USDT". */
export function formatMoney(value: string | null, quote = 'USDT', locale?: Locale, signed = false): string {
  const text = formatAmount(value, locale, signed);
  return text === UNKNOWN ? UNKNOWN : `${text} ${quote}`;
}

/** Significant digits a price keeps, whatever its size (never fewer than cents). */
export const PRICE_SIGNIFICANT_DIGITS = 4;

/**
 * A price, by magnitude: four significant digits and never fewer than two decimals, so
 * every price in a column reads the same way ("90,000.12", "1.100", "0.2000",
 * "0.008000", "0.00001235") and a tiny price never collapses to "0.00".
 */
export function formatPrice(value: string | null, locale?: Locale): string {
  const d = toDec(value);
  if (d === null) return UNKNOWN;
  if (d.isZero()) return format(d, { minimumFractionDigits: 2, maximumFractionDigits: 2 }, locale);
  let digits = priceDecimals(d);
  const rounded = d.toDecimalPlaces(digits);
  // Rounding up to the next power of ten (9.9996 → 10.00) needs one decimal fewer.
  if (!rounded.isZero()) digits = Math.min(digits, priceDecimals(rounded));
  return format(d.toDecimalPlaces(digits), { minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: 'negative' }, locale);
}

function priceDecimals(d: Dec): number {
  // Decimal's exponent is floor(log10 |d|): 0 for 1.5, -3 for 0.008, 4 for 90,000.
  return Math.max(2, PRICE_SIGNIFICANT_DIGITS - (d.abs().e + 1));
}

/** Significant digits of a quantity whose asset precision is unknown. */
export const QUANTITY_SIGNIFICANT_DIGITS = 8;
const QUANTITY_MAX_DECIMALS = 8;

/**
 * A quantity. With the asset's precision (decimal places the exchange keeps) it shows
 * up to that many decimals; without, eight significant digits (never cutting the whole
 * part, at most eight decimals), so 1,074,666.12345678 reads "1,074,666.1" and
 * 0.12345678 stays whole. Trailing zeros go; a non-zero amount too small to show reads
 * "<0.00000001", never 0. `signed` marks gains with "+" (a P&L settled in BTC is a quantity).
 */
export function formatQuantity(value: string | null, locale?: Locale, signed = false, precision: number | null = null): string {
  const d = toDec(value);
  if (d === null) return UNKNOWN;
  const maxDecimals = precision === null ? QUANTITY_MAX_DECIMALS : Math.max(0, Math.min(precision, 20));
  const smallest = new Dec(1).dividedBy(new Dec(10).pow(maxDecimals));
  if (!d.isZero() && d.abs().lt(smallest)) {
    const text = format(smallest, { maximumFractionDigits: maxDecimals }, locale);
    return d.isNegative() ? `>-${text}` : `${signed ? '+' : ''}<${text}`;
  }
  const decimals = precision === null ? Math.min(maxDecimals, Math.max(0, QUANTITY_SIGNIFICANT_DIGITS - (d.abs().e + 1))) : maxDecimals;
  return format(d.toDecimalPlaces(decimals), { maximumFractionDigits: decimals, signDisplay: signed ? 'exceptZero' : 'negative' }, locale);
}

/**
 * A percentage given in percent ("1.5" → "1.50%" or "1,50 %" by locale). Exact division by
 * 100 first: Intl's percent style expects a fraction. `signed` marks gains with "+".
 */
export function formatPercent(value: string | null, locale?: Locale, opts: { signed?: boolean; digits?: number } = {}): string {
  const d = toDec(value);
  if (d === null) return UNKNOWN;
  const digits = opts.digits ?? 2;
  const fraction = d.dividedBy(100);
  const smallest = new Dec(1).dividedBy(new Dec(10).pow(digits + 2));
  // A holding of 0.001 % is not "0.00 %": say it is there but tiny.
  if (!opts.signed && !d.isZero() && fraction.abs().lt(smallest)) return `<${format(smallest, { style: 'percent', minimumFractionDigits: digits }, locale)}`;
  return format(fraction, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: opts.signed ? 'exceptZero' : 'negative' }, locale);
}

/**
 * A short axis label ("12K", "1.2M"). Chart geometry is display only, so a float is
 * acceptable here and nowhere else.
 */
export function formatCompact(value: number, locale?: Locale): string {
  return formatter(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** A plain integer count: "2,000". */
export function formatCount(value: number, locale?: Locale): string {
  return formatter(locale, { maximumFractionDigits: 0 }).format(value);
}
