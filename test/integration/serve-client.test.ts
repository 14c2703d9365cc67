import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ApiEvents, ApiHandlers } from '../../shared/api.js';
import { silentLogger } from '../../electron/core/logging/logger.js';
import { createEventBus } from '../../electron/core/sync/event-bus.js';
import { startDashboardServer, type DashboardServer } from '../../electron/core/transport/dashboard-server.js';
import { createWsClient, type SocketLike, type WsClient } from '../../renderer/src/api/ws-client.js';

// The dashboard's WebSocket client (renderer/src/api) against the real transport, with a
// handler table of fakes: reconnecting, re-subscribing and error shapes, without a browser.
const TOKEN = 'client-test-token-0123456789';

const settingsView = (intervalMinutes: number) => ({ sync: { enabled: true, intervalMinutes } }) as unknown as ApiEvents['settings:changed'];

function fakeHandlers(overrides: Partial<ApiHandlers> = {}): ApiHandlers {
  return new Proxy({}, {
    get: (_t, channel: string) => overrides[channel as keyof ApiHandlers] ?? (async (input: unknown) => ({ channel, input })),
  }) as ApiHandlers;
}

describe('browser client over the serve WebSocket', () => {
  const events = createEventBus<ApiEvents>();
  const servers: DashboardServer[] = [];
  const clients: WsClient[] = [];
  const start = async (port = 0, handlers = fakeHandlers()) => {
    const s = await startDashboardServer({ host: '127.0.0.1', port, token: TOKEN, staticRoot: '/nonexistent', handlers, events, redact: (x) => x, log: silentLogger });
    servers.push(s);
    return s;
  };
  const sockets: string[] = [];
  const client = (port: number, token = TOKEN) => {
    const c = createWsClient(`ws://127.0.0.1:${port}/ws`, token, {
      // ws's WebSocket has the browser's onopen/onmessage/onclose interface the client uses.
      socket: (url) => {
        sockets.push(url);
        return new WebSocket(url) as unknown as SocketLike;
      },
      backoff: { initialMs: 20, maxMs: 200 },
    });
    clients.push(c);
    return c;
  };
  const stateReaches = (c: WsClient, state: string) => new Promise<void>((resolve) => {
    if (c.connection.get() === state) return resolve();
    const off = c.connection.subscribe(() => {
      if (c.connection.get() === state) {
        off();
        resolve();
      }
    });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    for (const s of servers.splice(0)) await s.close();
    sockets.length = 0;
  });

  it('connects on first use, queues calls until authenticated, and answers them', async () => {
    const server = await start();
    const c = client(server.port);
    expect(c.connection.get()).toBe('connecting');
    expect(sockets).toEqual([]);
    const answer = await c.api.invoke('history:list', { limit: 3 });
    expect(answer).toEqual({ channel: 'history:list', input: { limit: 3 } });
    expect(c.connection.get()).toBe('open');
  });

  it('rejects with the ApiError plain object, as window.api does', async () => {
    const server = await start();
    const c = client(server.port);
    const error: unknown = await c.api.invoke('history:list', { limit: 0 }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(Error);
    expect(error).toEqual({ errorClass: 'config', message: expect.stringMatching(/^Invalid input for history:list: limit: /), recommendation: expect.any(String) });
  });

  it('delivers subscribed events; an unsubscribed listener hears nothing more', async () => {
    const server = await start();
    const c = client(server.port);
    const heard: number[] = [];
    const off = c.api.on('settings:changed', (s) => heard.push(s.sync.intervalMinutes));
    await stateReaches(c, 'open');
    // A round trip after the subscription makes sure the server has it.
    await c.api.invoke('status:get');
    events.emit('settings:changed', settingsView(11));
    await c.api.invoke('status:get');
    off();
    await c.api.invoke('status:get');
    events.emit('settings:changed', settingsView(12));
    await c.api.invoke('status:get');
    expect(heard).toEqual([11]);
  });

  it('after the server goes away: in-flight calls reject, it reconnects with backoff and subscribes again', async () => {
    let release: () => void = () => undefined;
    const hanging = fakeHandlers({ 'sync:run': () => new Promise((resolve) => { release = () => resolve({} as never); }) });
    const first = await start(0, hanging);
    const port = first.port;
    const c = client(port);
    const heard: number[] = [];
    c.api.on('settings:changed', (s) => heard.push(s.sync.intervalMinutes));
    await c.api.invoke('status:get');
    const inFlight = c.api.invoke('sync:run').catch((e: unknown) => e);
    await first.close();
    servers.splice(servers.indexOf(first), 1);
    expect(await inFlight).toMatchObject({ errorClass: 'network', message: expect.stringContaining('sync:run') });
    release();
    expect(c.connection.get()).toBe('closed');
    // A call made while down waits for the connection instead of failing.
    const queued = c.api.invoke('positions:list');
    await start(port);
    expect(await queued).toEqual({ channel: 'positions:list' });
    await stateReaches(c, 'open');
    expect(sockets.length).toBeGreaterThan(1);
    events.emit('settings:changed', settingsView(21));
    await c.api.invoke('status:get');
    expect(heard).toEqual([21]);
  });

  it('a refused token: state "unauthorized", calls reject with advice, no retrying', async () => {
    const server = await start();
    const c = client(server.port, 'not-the-token-at-all');
    const error = await c.api.invoke('status:get').catch((e: unknown) => e);
    expect(error).toMatchObject({ errorClass: 'auth', recommendation: expect.stringContaining('#token=') });
    expect(c.connection.get()).toBe('unauthorized');
    await expect(c.api.invoke('status:get')).rejects.toMatchObject({ errorClass: 'auth' });
    expect(sockets).toHaveLength(1);
  });
});
