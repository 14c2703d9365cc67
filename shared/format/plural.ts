/**
 * "1 warning", "7 coins", "2,000 assets": a count with its noun in the right number.
 * English copy only; `plural` is for the nouns that do not just take an "s".
 */
export function countOf(n: number, singular: string, plural = `${singular}s`, locale?: string): string {
  const text = new Intl.NumberFormat(locale ?? 'en-US', { maximumFractionDigits: 0 }).format(n);
  return `${text} ${n === 1 ? singular : plural}`;
}
