import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiEvents, ApiHandlers } from '../../shared/api.js';
import { createEventBus } from '../../electron/core/sync/event-bus.js';
import { startDashboardServer, type DashboardServer, type DashboardServerOptions } from '../../electron/core/transport/dashboard-server.js';
import { openAuthenticated, openRawSocket } from '../e2e/helpers/raw-socket.js';

const TOKEN = 'hardening-test-token-9f3Kq7Zx2LmW';

function fakeHandlers(): ApiHandlers {
  return new Proxy({}, { get: (_t, channel: string) => async () => ({ channel }) }) as ApiHandlers;
}

/** A log that keeps its lines, to count them. */
function memoryLog() {
  const lines: Array<{ level: string; message: string; data?: Record<string, unknown> }> = [];
  return {
    lines,
    info: (message: string, data?: Record<string, unknown>) => { lines.push({ level: 'info', message, ...(data ? { data } : {}) }); },
    warn: (message: string, data?: Record<string, unknown>) => { lines.push({ level: 'warn', message, ...(data ? { data } : {}) }); },
  };
}

/** Resolves when the server closes the socket (a request it gave up on). */
function closedBy(socket: net.Socket): Promise<string> {
  return new Promise((resolve) => {
    let got = '';
    socket.on('data', (d: Buffer) => { got += d.toString(); });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(got));
  });
}

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });
}

describe('serve: token guessing, slow clients, connection cap', () => {
  const servers: DashboardServer[] = [];
  const events = createEventBus<ApiEvents>();
  const start = async (extra: Partial<DashboardServerOptions> = {}) => {
    const log = memoryLog();
    const s = await startDashboardServer({ host: '127.0.0.1', port: 0, token: TOKEN, staticRoot: '/nonexistent', handlers: fakeHandlers(), events, redact: (x) => x, log, ...extra });
    servers.push(s);
    return { s, log, ws: `ws://127.0.0.1:${s.port}/ws` };
  };
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it('after a few wrong tokens an address is locked out (429, even with the right token) until its time is up; one log line, not one per guess', async () => {
    const clock = { t: 1_000_000 };
    const timers: Array<() => void> = [];
    const { log, ws } = await start({ now: () => clock.t, timers: { setTimeout: (fn) => { timers.push(fn); return fn; }, clearTimeout: () => undefined } });
    for (let i = 0; i < 6; i += 1) {
      const s = await openRawSocket(ws);
      s.send({ type: 'auth', token: `wrong-${i}-${TOKEN}` });
      expect((await s.closed).code).toBe(4401);
    }
    // Locked out: refused before the handshake, and the right token does not help.
    await expect(openRawSocket(ws)).rejects.toMatchObject({ status: 429 });
    clock.t += 999;
    await expect(openRawSocket(ws)).rejects.toMatchObject({ status: 429 });
    clock.t += 2;
    const late = await openRawSocket(ws);
    clock.t += 10_000;
    // One more miss doubles the lockout (2 s); during it, even a socket opened before
    // and sending the right token is refused without comparing.
    const s = await openRawSocket(ws);
    s.send({ type: 'auth', token: 'still-wrong' });
    expect((await s.closed).code).toBe(4401);
    late.send({ type: 'auth', token: TOKEN });
    expect((await late.closed).code).toBe(4401);
    clock.t += 3000;
    (await openAuthenticated(ws, TOKEN)).ws.close();
    // The right token cleared the address's record: misses start from zero again.
    const again = await openRawSocket(ws);
    again.send({ type: 'auth', token: 'wrong-again' });
    expect((await again.closed).code).toBe(4401);
    (await openAuthenticated(ws, TOKEN)).ws.close();
    const refusalLines = log.lines.filter((l) => /refused/.test(l.message));
    expect(refusalLines).toHaveLength(1);
    expect(refusalLines[0]!.message).toMatch(/^dashboard refused 1 connection from 1 address \(1 wrong token\)/);
    // The next summary comes from the timer: everything since, in one line.
    timers.shift()!();
    const all = log.lines.filter((l) => /refused/.test(l.message));
    expect(all).toHaveLength(2);
    expect(all[1]!.message).toMatch(/^dashboard refused 10 connections from 1 address \(7 wrong token, 3 locked out\)/);
    expect(JSON.stringify(log.lines)).not.toContain(TOKEN);
  });

  it('a half-open request (headers never finished) and a silent connection are closed by the server', async () => {
    const { s } = await start({ limits: { headersTimeoutMs: 300, requestTimeoutMs: 600, checkIntervalMs: 100 } });
    const half = await connect(s.port);
    const halfClosed = closedBy(half);
    half.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nX-Slow: `);
    const silent = await connect(s.port);
    const silentClosed = closedBy(silent);
    // Both end without the client doing anything more; the test's own timeout is the bound.
    expect(await halfClosed).toMatch(/^HTTP\/1\.1 408|^$/);
    expect(await silentClosed).toMatch(/^HTTP\/1\.1 408|^$/);
  });

  it('a body that never ends is cut off by the request timeout', async () => {
    const { s } = await start({ limits: { headersTimeoutMs: 300, requestTimeoutMs: 600, checkIntervalMs: 100 } });
    const slow = await connect(s.port);
    const closed = closedBy(slow);
    slow.write(`POST / HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nContent-Length: 1000\r\n\r\nabc`);
    await closed;
    expect(slow.destroyed).toBe(true);
  });

  it('connections beyond the cap are dropped; the ones inside it still work', async () => {
    const { s } = await start({ limits: { maxConnections: 3 } });
    const held = await Promise.all([connect(s.port), connect(s.port), connect(s.port)]);
    const extra = await connect(s.port);
    await closedBy(extra);
    held[0]!.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nConnection: close\r\n\r\n`);
    expect(await closedBy(held[0]!)).toMatch(/^HTTP\/1\.1 503/);
    for (const h of held) h.destroy();
  });
});
