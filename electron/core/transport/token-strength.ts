/**
 * A rough, conservative estimate of the bits of a token a person chose: the Shannon
 * entropy of its characters times the number of characters that are not predictable from
 * the one before (a repeat, or the next or previous in a run such as "abc" or "321",
 * count for nothing). Random tokens score near their true strength; "aaaa…",
 * "abcdefgh…" and "0123…" score near zero.
 */
export function estimateTokenBits(token: string): number {
  if (token.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of token) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let perChar = 0;
  for (const n of counts.values()) {
    const p = n / token.length;
    perChar -= p * Math.log2(p);
  }
  let unpredictable = 1;
  for (let i = 1; i < token.length; i += 1) {
    const step = token.charCodeAt(i) - token.charCodeAt(i - 1);
    if (Math.abs(step) > 1) unpredictable += 1;
  }
  return perChar * unpredictable;
}

/** The least a chosen dashboard token must score. */
export const MIN_TOKEN_BITS = 64;
