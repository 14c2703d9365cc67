import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

/**
 * The exchange ids ccxt knows: one file per exchange in its per-file ESM build (what the
 * loader imports), read without importing ccxt itself.
 */
export function ccxtExchangeIds(): string[] {
  const require = createRequire(import.meta.url);
  const srcDir = path.join(path.dirname(path.dirname(require.resolve('ccxt'))), 'js', 'src');
  return fs.readdirSync(srcDir).filter((f) => /^[a-z][a-z0-9]*\.js$/.test(f)).map((f) => f.slice(0, -3));
}

/** The known name closest to a mistyped one (at most 2 edits, or a third of its length), or null. */
export function closestName(given: string, known: readonly string[]): string | null {
  const limit = Math.max(1, Math.min(2, Math.floor(given.length / 3)));
  let best: { name: string; distance: number } | null = null;
  for (const name of known) {
    const d = editDistance(given, name);
    if (d <= limit && (best === null || d < best.distance)) best = { name, distance: d };
  }
  return best?.name ?? null;
}

/** Levenshtein distance (insert, delete, replace). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    prev = row;
  }
  return prev[b.length]!;
}
