import { Decimal } from 'decimal.js';

/** "12345.678" → "12,345.68": exact decimal rounding, no binary float on the way. */
export function formatMoney(value: string, quote: string): string {
  let fixed: string;
  try {
    fixed = new Decimal(value).toFixed(2);
  } catch {
    return `— ${quote}`;
  }
  const [int = '0', frac = '00'] = fixed.split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac} ${quote}`;
}

/** A short age for the tray: "just now", "5 min ago", "3 h ago", "2 d ago". */
export function formatAge(seconds: number): string {
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}

/** Cuts a line to `max` characters with an ellipsis (menus and tooltips are narrow). */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
