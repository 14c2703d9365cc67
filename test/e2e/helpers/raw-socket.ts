import WebSocket from 'ws';

/** A WebSocket to `serve` that records everything, for tests of the wire protocol itself. */
export interface RawSocket {
  ws: WebSocket;
  /** Every parsed message so far. */
  messages: unknown[];
  send(message: unknown): void;
  /** The first message (already received or coming) that `match` accepts. */
  next<T = Record<string, unknown>>(match: (m: Record<string, unknown>) => boolean): Promise<T>;
  /** Resolves with the close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
}

/** Opens a socket; rejects with the HTTP status when the upgrade is refused. */
export function openRawSocket(url: string, headers: Record<string, string> = {}): Promise<RawSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const messages: unknown[] = [];
    const waiters: Array<{ match: (m: Record<string, unknown>) => boolean; resolve: (m: unknown) => void }> = [];
    const closed = new Promise<{ code: number; reason: string }>((r) => ws.on('close', (code, reason) => r({ code, reason: reason.toString() })));
    ws.on('message', (data) => {
      const m = JSON.parse(data.toString()) as Record<string, unknown>;
      messages.push(m);
      for (const w of [...waiters]) {
        if (w.match(m)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(m);
        }
      }
    });
    ws.on('unexpected-response', (_req, res) => reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { status: res.statusCode })));
    ws.on('error', reject);
    ws.on('open', () => resolve({
      ws, messages, closed,
      send: (m) => ws.send(typeof m === 'string' ? m : JSON.stringify(m)),
      next<T>(match: (m: Record<string, unknown>) => boolean) {
        const seen = messages.find((m) => match(m as Record<string, unknown>));
        if (seen) return Promise.resolve(seen as T);
        return new Promise<T>((r) => waiters.push({ match, resolve: r as (m: unknown) => void }));
      },
    }));
  });
}

/** Opens a socket and authenticates it. */
export async function openAuthenticated(url: string, token: string, headers: Record<string, string> = {}): Promise<RawSocket> {
  const s = await openRawSocket(url, headers);
  s.send({ type: 'auth', token });
  await s.next((m) => m.type === 'ready');
  return s;
}
