import WebSocket from 'ws';

/** How one connection attempt ended. */
export type AuthOutcome = 'ready' | `http-${number}` | `closed-${number}` | 'error' | 'timeout';

/** Opens /ws from `localAddress`, presents `token`, and says how it ended. */
export function tryToken(port: number, token: string, localAddress = '127.0.0.1', timeoutMs = 5000): Promise<AuthOutcome> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { localAddress, headers: { Host: `127.0.0.1:${port}` } });
    const done = (o: AuthOutcome) => {
      clearTimeout(timer);
      ws.removeAllListeners();
      ws.on('error', () => undefined);
      ws.terminate();
      resolve(o);
    };
    const timer = setTimeout(() => done('timeout'), timeoutMs);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'auth', token })));
    ws.on('message', (d) => { if ((JSON.parse(d.toString()) as { type?: string }).type === 'ready') done('ready'); });
    ws.on('close', (code) => done(`closed-${code}`));
    ws.on('unexpected-response', (_req, res) => done(`http-${res.statusCode ?? 0}`));
    ws.on('error', () => done('error'));
  });
}

/** An authenticated socket that sends calls and waits for their replies. */
export interface ApiSocket {
  /** Resolves with the close code once the server closes the socket. */
  closeCode: Promise<number>;
  call(channel: string, input?: unknown): Promise<{ ok: boolean; value?: unknown; error?: { errorClass: string; message: string; recommendation: string } }>;
  sendRaw(text: string): void;
  closed(): boolean;
  close(): void;
}

export function openApi(port: number, token: string): Promise<ApiSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
    const waiting = new Map<number, (m: never) => void>();
    let next = 1;
    let isClosed = false;
    const closeCode = new Promise<number>((r) => ws.on('close', (code) => r(code)));
    ws.on('close', () => {
      isClosed = true;
      for (const w of waiting.values()) w({ ok: false, error: { errorClass: 'closed', message: 'socket closed', recommendation: '' } } as never);
    });
    ws.on('error', reject);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'auth', token })));
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as { type?: string; id?: number };
      if (m.type === 'ready') {
        resolve({
          closeCode,
          // Bounded: a call the server never answers counts as such, it does not hang the run.
          call: (channel, input) => new Promise((r) => {
            if (isClosed) return r({ ok: false, error: { errorClass: 'closed', message: 'socket closed', recommendation: '' } });
            const id = next++;
            const timer = setTimeout(() => {
              waiting.delete(id);
              r({ ok: false, error: { errorClass: 'no answer', message: 'no answer within 60 s', recommendation: '' } });
            }, 60_000);
            waiting.set(id, ((m: never) => {
              clearTimeout(timer);
              r(m);
            }) as (m: never) => void);
            ws.send(JSON.stringify(input === undefined ? { id, channel } : { id, channel, input }));
          }),
          sendRaw: (text) => ws.send(text),
          closed: () => isClosed,
          close: () => ws.close(),
        });
      }
      if (typeof m.id === 'number') {
        waiting.get(m.id)?.(m as never);
        waiting.delete(m.id);
      }
    });
  });
}
