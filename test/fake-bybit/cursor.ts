// Opaque page cursors. Bybit hands them out URL-encoded ("123%3A0%2C123%3A0") and
// clients send them back either raw (ccxt) or encoded once more, so decoding is lenient.

/** Keyset cursor for lists sorted newest first: the last (time, seq) already returned. */
export interface KeysetCursor {
  time: number;
  seq: number;
}

function fullyDecode(raw: string): string {
  let text = raw;
  for (let i = 0; i < 3 && text.includes('%'); i++) {
    try {
      text = decodeURIComponent(text);
    } catch {
      break;
    }
  }
  return text;
}

export function encodeKeyset(cursor: KeysetCursor): string {
  return encodeURIComponent(`${cursor.time}:${cursor.seq},${cursor.time}:${cursor.seq}`);
}

/** Returns null for a cursor this server never issued, which Bybit treats as a params error. */
export function decodeKeyset(raw: string): KeysetCursor | null {
  const match = /^(\d+):(\d+),\d+:\d+$/.exec(fullyDecode(raw));
  if (!match) return null;
  return { time: Number(match[1]), seq: Number(match[2]) };
}

export function encodeOffset(offset: number): string {
  return encodeURIComponent(`offset=${offset}`);
}

export function decodeOffset(raw: string): number | null {
  const match = /^offset=(\d+)$/.exec(fullyDecode(raw));
  return match ? Number(match[1]) : null;
}
