/** Ages, countdowns and dates for the user's locale (`locale` is for tests). */
type Locale = string | undefined;

const relCache = new Map<string, Intl.RelativeTimeFormat>();
const dateCache = new Map<string, Intl.DateTimeFormat>();

function relative(locale: Locale): Intl.RelativeTimeFormat {
  const key = locale ?? '';
  let f = relCache.get(key);
  if (!f) {
    f = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'long' });
    relCache.set(key, f);
  }
  return f;
}

function dateFormatter(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let f = dateCache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    dateCache.set(key, f);
  }
  return f;
}

/** Seconds from `iso` to `nowMs`, never negative (a clock a little ahead of ours is "now"); null for no date. */
export function secondsSince(iso: string | null, nowMs: number): number | null {
  if (iso === null) return null;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  return Math.max(0, Math.floor((nowMs - t) / 1000));
}

/** "now", "25 seconds ago", "3 minutes ago", "2 hours ago", "yesterday", "5 days ago". */
export function formatAge(seconds: number, locale?: Locale): string {
  const rtf = relative(locale);
  if (seconds < 10) return rtf.format(0, 'second');
  if (seconds < 60) return rtf.format(-seconds, 'second');
  if (seconds < 3600) return rtf.format(-Math.floor(seconds / 60), 'minute');
  if (seconds < 86_400) return rtf.format(-Math.floor(seconds / 3600), 'hour');
  return rtf.format(-Math.floor(seconds / 86_400), 'day');
}

/** A countdown as a clock: "4:05", "1:02:05"; "0:00" once due. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** Seconds from `nowMs` until `iso`; negative once past; null without a date. */
export function secondsUntil(iso: string | null, nowMs: number): number | null {
  if (iso === null) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : (t - nowMs) / 1000;
}

/** A run's length: "350 ms", "1.2 s", "2 min 5 s". */
export function formatElapsed(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(Math.round(ms / 100) / 10).toFixed(1)} s`;
  const total = Math.round(ms / 1000);
  return `${Math.floor(total / 60)} min ${total % 60} s`;
}

/** Date and time in the user's style: "21 Nov 2026, 10:00". */
export function formatDateTime(iso: string | null, locale?: Locale): string {
  if (iso === null) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '—';
  return dateFormatter(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(t);
}

/** Just the time of day: "10:42 AM" (a pause ends today). */
export function formatTime(iso: string | null, locale?: Locale): string {
  if (iso === null) return '—';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '—' : dateFormatter(locale, { timeStyle: 'short' }).format(t);
}

/** Just the date: "21 Nov 2026". */
export function formatDate(iso: string | null, locale?: Locale): string {
  if (iso === null) return '—';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '—' : dateFormatter(locale, { dateStyle: 'medium' }).format(t);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Step = { unit: 'minute' | 'hour' | 'day' | 'month'; n: number; approxMs: number };
const STEPS: readonly Step[] = [
  ...[1, 5, 15, 30].map((n): Step => ({ unit: 'minute', n, approxMs: n * MINUTE })),
  ...[1, 2, 3, 6, 12].map((n): Step => ({ unit: 'hour', n, approxMs: n * HOUR })),
  ...[1, 2, 7, 14].map((n): Step => ({ unit: 'day', n, approxMs: n * DAY })),
  ...[1, 2, 3, 6, 12, 24, 60].map((n): Step => ({ unit: 'month', n, approxMs: n * 30.44 * DAY })),
];

/**
 * Ticks for a time axis on round local times (whole minutes, hours, midnights, firsts of the
 * month), at most about `maxTicks`, with a label style to match the step: "14:00",
 * "Nov 21", "Nov 2026", "2026". A chart's span decides, not the range asked for, so a
 * young history under "All" still reads in days.
 */
export function timeAxis(minMs: number, maxMs: number, locale?: Locale, maxTicks = 8): { ticks: number[]; format: (ms: number) => string } {
  const span = Math.max(maxMs - minMs, 1);
  const step = STEPS.find((s) => span / s.approxMs <= maxTicks) ?? STEPS[STEPS.length - 1]!;
  const d = new Date(minMs);
  if (step.unit === 'minute') d.setMinutes(Math.ceil(d.getMinutes() / step.n) * step.n, 0, 0);
  else d.setMinutes(0, 0, 0);
  if (step.unit === 'hour') d.setHours(Math.ceil(d.getHours() / step.n) * step.n);
  else if (step.unit !== 'minute') d.setHours(0);
  if (step.unit === 'month') d.setDate(1);
  if (step.unit === 'month' && step.n >= 12) d.setMonth(0);
  const ticks: number[] = [];
  for (let guard = 0; guard < 200; guard++) {
    const t = d.getTime();
    if (t > maxMs) break;
    if (t >= minMs) ticks.push(t);
    if (step.unit === 'minute') d.setMinutes(d.getMinutes() + step.n);
    else if (step.unit === 'hour') d.setHours(d.getHours() + step.n);
    else if (step.unit === 'day') d.setDate(d.getDate() + step.n);
    else d.setMonth(d.getMonth() + step.n);
  }
  const options: Intl.DateTimeFormatOptions =
    step.unit === 'minute' || step.unit === 'hour' ? { hour: 'numeric', minute: '2-digit' }
      : step.unit === 'day' ? { month: 'short', day: 'numeric' }
        : step.n >= 12 ? { year: 'numeric' } : { month: 'short', year: 'numeric' };
  const f = dateFormatter(locale, options);
  return { ticks, format: (ms) => f.format(ms) };
}
