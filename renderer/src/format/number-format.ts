import { Dec, toDec } from './decimal.js';

/**
 * Display formatting of the API's decimal strings for the user's locale. Intl formats a
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

/**
 * A price: cents for large prices, more digits for small ones, and four significant
 * digits below 1 so 0.00001234 does not show as 0.00.
 */
export function formatPrice(value: string | null, locale?: Locale): string {
  const d = toDec(value);
  if (d === null) return UNKNOWN;
  const abs = d.abs();
  if (abs.isZero()) return format(d, { minimumFractionDigits: 2, maximumFractionDigits: 2 }, locale);
  if (abs.gte(1000)) return format(d, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'negative' }, locale);
  if (abs.gte(1)) return format(d, { minimumFractionDigits: 2, maximumFractionDigits: 4, signDisplay: 'negative' }, locale);
  return format(d, { maximumSignificantDigits: 4, signDisplay: 'negative' }, locale);
}

const QUANTITY_DIGITS = 8;
const SMALLEST_QUANTITY = new Dec(1).dividedBy(new Dec(10).pow(QUANTITY_DIGITS));

/**
 * A quantity to eight decimals without trailing zeros; a non-zero dust amount never
 * shows as 0. `signed` marks gains with "+" (a P&L settled in BTC is a quantity).
 */
export function formatQuantity(value: string | null, locale?: Locale, signed = false): string {
  const d = toDec(value);
  if (d === null) return UNKNOWN;
  if (!d.isZero() && d.abs().lt(SMALLEST_QUANTITY)) {
    const smallest = format(SMALLEST_QUANTITY, { maximumFractionDigits: QUANTITY_DIGITS }, locale);
    return d.isNegative() ? `>-${smallest}` : `${signed ? '+' : ''}<${smallest}`;
  }
  return format(d, { maximumFractionDigits: QUANTITY_DIGITS, signDisplay: signed ? 'exceptZero' : 'negative' }, locale);
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
