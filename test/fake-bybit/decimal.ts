// Exact decimal arithmetic on strings, enough for the fake's derived figures
// (values, fees, equity). BigInt fixed point: no binary float ever touches money,
// and the standalone bundle stays free of npm dependencies.

const SCALE = 18;
const ONE = 10n ** BigInt(SCALE);

/** Parses a decimal string ("-12.5", "0.0003", "7") into a fixed-point bigint. */
export function parse(value: string): bigint {
  const text = value.trim();
  const match = /^(-)?(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) {
    throw new Error(`not a decimal: "${value}"`);
  }
  const [, sign, whole = '', fraction = ''] = match;
  const digits = (whole === '' ? '0' : whole) + fraction.padEnd(SCALE, '0').slice(0, SCALE);
  const magnitude = BigInt(digits);
  return sign === '-' ? -magnitude : magnitude;
}

/** Formats a fixed-point bigint without trailing zeros; `places` first rounds half away from zero. */
export function format(value: bigint, places?: number): string {
  let scaled = value;
  let scale = SCALE;
  if (places !== undefined && places < SCALE) {
    const factor = 10n ** BigInt(SCALE - places);
    const half = factor / 2n;
    scaled = (scaled >= 0n ? scaled + half : scaled - half) / factor;
    scale = places;
  }
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? digits.slice(digits.length - scale).replace(/0+$/, '') : '';
  const body = fraction === '' ? whole : `${whole}.${fraction}`;
  return negative && /[1-9]/.test(body) ? `-${body}` : body;
}

export function add(a: string, b: string): string {
  return format(parse(a) + parse(b));
}

export function sub(a: string, b: string): string {
  return format(parse(a) - parse(b));
}

export function mul(a: string, b: string, places?: number): string {
  return format((parse(a) * parse(b)) / ONE, places);
}

export function div(a: string, b: string, places?: number): string {
  const divisor = parse(b);
  if (divisor === 0n) throw new Error('division by zero');
  return format((parse(a) * ONE) / divisor, places);
}

export function sum(values: readonly string[]): string {
  return format(values.reduce((total, v) => total + parse(v), 0n));
}

export function cmp(a: string, b: string): number {
  const d = parse(a) - parse(b);
  return d === 0n ? 0 : d > 0n ? 1 : -1;
}

export function isZero(a: string): boolean {
  return parse(a) === 0n;
}

/** Number of decimal places of a tick such as "0.01" (used to round prices). */
export function placesOf(tick: string): number {
  const dot = tick.indexOf('.');
  return dot < 0 ? 0 : tick.length - dot - 1;
}

/** Converts a float (only ever a synthetic price curve, never money arithmetic) to a rounded decimal string. */
export function fromFloat(value: number, places: number): string {
  return format(parse(value.toFixed(Math.min(places, 18))), places);
}
