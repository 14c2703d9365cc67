import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { startDashboardServer, type DashboardServer } from '../../electron/core/transport/dashboard-server.js';
import { startHarness, type SyncHarness } from '../helpers/sync-harness.js';
import { rawGet } from '../e2e/helpers/http-raw.js';
import { openAuthenticated, openRawSocket } from '../e2e/helpers/raw-socket.js';

const TOKEN = 'test-token-0123456789abcdef';

describe('serve transport: static files, guards and the WebSocket API (no browser)', () => {
  let h: SyncHarness;
  let core: Core;
  let server: DashboardServer;
  let dir: string;
  let port: number;
  let wsUrl: string;

  beforeAll(async () => {
    h = await startHarness();
    core = await h.core({ keychain: null });
    // The build folder, with a secret beside it that no request may reach.
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'alphapulse-serve-test-'));
    const root = path.join(dir, 'dist');
    await fs.mkdir(path.join(root, 'assets'), { recursive: true });
    await fs.writeFile(path.join(root, 'index.html'), '<!doctype html><title>dashboard</title>');
    await fs.writeFile(path.join(root, 'assets', 'app-1a2b.js'), 'console.log(1)');
    await fs.writeFile(path.join(dir, 'secret.txt'), 'TOP-SECRET-CONTENT');
    await fs.symlink(path.join(dir, 'secret.txt'), path.join(root, 'linked.txt'));
    server = await startDashboardServer({
      host: '127.0.0.1', port: 0, token: TOKEN, staticRoot: root, handlers: core.api, events: core.events,
      redact: (s) => core.redactor.redact(s), log: core.log, authTimeoutMs: 300,
    });
    port = server.port;
    wsUrl = `ws://127.0.0.1:${port}/ws`;
  });
  afterAll(async () => {
    await server?.close();
    await h?.close();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('serves the build with the security headers on every response', async () => {
    const index = await rawGet(port, '/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>dashboard</title>');
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['cache-control']).toBe('no-store');
    const asset = await rawGet(port, '/assets/app-1a2b.js');
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toContain('immutable');
    for (const r of [index, asset, await rawGet(port, '/missing.js'), await rawGet(port, '/', {}, 'POST')]) {
      const csp = String(r.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${port}`);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
    }
    expect((await rawGet(port, '/missing.js')).status).toBe(404);
    expect((await rawGet(port, '/', {}, 'POST')).status).toBe(405);
    // Reached as localhost, the CSP names that host for the WebSocket.
    const viaLocalhost = await rawGet(port, '/', { Host: `localhost:${port}` });
    expect(viaLocalhost.status).toBe(200);
    expect(viaLocalhost.headers['content-security-policy']).toContain(`ws://localhost:${port}`);
  });

  it('refuses every path outside the build folder', async () => {
    const attempts = [
      '/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/%2e%2e%2fsecret.txt', '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt', '/..%5csecret.txt', '/..\\secret.txt', '/%00', '/index.html%00.js', '//secret.txt',
      `/${'..%2f'.repeat(12)}etc%2fpasswd`, '/linked.txt', '/%E0%A4%A', 'secret.txt', '*',
    ];
    for (const p of attempts) {
      const r = await rawGet(port, p);
      expect(r.status, p).toBeGreaterThanOrEqual(400);
      expect(r.body, p).not.toContain('TOP-SECRET');
      expect(r.body, p).not.toContain('root:');
    }
  });

  it('refuses a foreign Host (DNS rebinding) or Origin, over HTTP and for the WebSocket', async () => {
    for (const host of [`evil.example:${port}`, `127.0.0.1.evil.example:${port}`, '127.0.0.1', `127.0.0.1:${port + 1}`]) {
      const r = await rawGet(port, '/', { Host: host });
      expect(r.status, host).toBe(403);
      expect(r.body).not.toContain('dashboard');
      await expect(openRawSocket(wsUrl, { Host: host }), host).rejects.toMatchObject({ status: 403 });
    }
    for (const origin of ['http://evil.example', `http://evil.example:${port}`, `https://127.0.0.1:${port}`, 'null']) {
      expect((await rawGet(port, '/', { Origin: origin })).status, origin).toBe(403);
      await expect(openRawSocket(wsUrl, { Origin: origin }), origin).rejects.toMatchObject({ status: 403 });
    }
    // Our own page, under either loopback name, is welcome.
    const own = await openAuthenticated(wsUrl, TOKEN, { Origin: `http://localhost:${port}` });
    own.ws.close();
    await expect(openRawSocket(`ws://127.0.0.1:${port}/other`)).rejects.toMatchObject({ status: 404 });
  });

  it('requires the token before anything else: missing, wrong or late, the socket closes with 4401', async () => {
    const silent = await openRawSocket(wsUrl);
    expect((await silent.closed).code).toBe(4401);
    const wrong = await openRawSocket(wsUrl);
    wrong.send({ type: 'auth', token: `${TOKEN}x` });
    expect((await wrong.closed).code).toBe(4401);
    const eager = await openRawSocket(wsUrl);
    eager.send({ id: 1, channel: 'settings:update', input: { sync: { intervalMinutes: 7 } } });
    expect((await eager.closed).code).toBe(4401);
    expect(eager.messages).toEqual([]);
    expect(core.settings.get().sync.intervalMinutes).not.toBe(7);
    const garbage = await openRawSocket(wsUrl);
    garbage.send('not json');
    expect((await garbage.closed).code).toBe(4400);
  });

  it('validates input and maps errors exactly as the IPC does; answers valid calls', async () => {
    const s = await openAuthenticated(wsUrl, TOKEN);
    s.send({ id: 1, channel: 'history:list', input: { limit: 0 } });
    s.send({ id: 2, channel: 'fs:readFile', input: '/etc/passwd' });
    s.send({ id: 3, channel: '__proto__' });
    s.send({ id: 4, channel: 'accounts:save', input: { exchangeId: 'bybit', credentials: { apiKey: 'has space SECRETKEY123', secret: 'x' } } });
    s.send({ id: 5, channel: 'status:get' });
    const reply = (id: number) => s.next<Record<string, unknown>>((m) => m.id === id);
    expect(await reply(1)).toEqual({ id: 1, ok: false, error: { errorClass: 'config', message: expect.stringMatching(/^Invalid input for history:list: limit: /), recommendation: 'Correct the value and try again; nothing was changed.' } });
    expect(await reply(2)).toEqual({ id: 2, ok: false, error: expect.objectContaining({ errorClass: 'config', message: 'There is no call named fs:readFile' }) });
    expect(await reply(3)).toMatchObject({ ok: false, error: { message: 'There is no call named __proto__' } });
    const save = await reply(4);
    expect(save).toMatchObject({ ok: false, error: { errorClass: 'config', message: expect.stringContaining('credentials.apiKey') } });
    expect(JSON.stringify(save)).not.toContain('SECRETKEY123');
    expect(await reply(5)).toMatchObject({ id: 5, ok: true, value: { scheduler: expect.objectContaining({ intervalMinutes: expect.any(Number) }), accounts: [expect.objectContaining({ exchangeId: 'bybit' })] } });
    s.ws.close();
  });

  it('pushes the events a socket subscribed to, and only those', async () => {
    const s = await openAuthenticated(wsUrl, TOKEN);
    s.send({ type: 'subscribe', events: ['settings:changed', 'no-such-event'] });
    s.send({ id: 1, channel: 'settings:update', input: { sync: { intervalMinutes: 45 } } });
    const changed = await s.next<{ payload: { sync: { intervalMinutes: number } } }>((m) => m.event === 'settings:changed');
    expect(changed.payload.sync.intervalMinutes).toBe(45);
    expect(await s.next((m) => m.id === 1)).toMatchObject({ ok: true });
    s.send({ type: 'subscribe', events: ['sync:progress', 'sync:finished'] });
    s.send({ id: 2, channel: 'sync:run', input: { trigger: 'window' } });
    const finished = await s.next<{ payload: { ok: boolean } }>((m) => m.event === 'sync:finished');
    expect(finished.payload.ok).toBe(true);
    expect(s.messages.some((m) => (m as { event?: string }).event === 'sync:progress')).toBe(true);
    await s.next((m) => m.id === 2);
    // settings:changed is no longer subscribed: another change is not pushed.
    s.send({ id: 3, channel: 'settings:update', input: { sync: { intervalMinutes: 30 } } });
    await s.next((m) => m.id === 3);
    expect(s.messages.filter((m) => (m as { event?: string }).event === 'settings:changed')).toHaveLength(1);
    s.ws.close();
  });

  it('closes every socket with 1001 when the server stops', async () => {
    const s = await openAuthenticated(wsUrl, TOKEN);
    const other = await startDashboardServer({
      host: '127.0.0.1', port: 0, token: TOKEN, staticRoot: dir, handlers: core.api, events: core.events, redact: (x) => x, log: core.log,
    });
    const t = await openAuthenticated(`ws://127.0.0.1:${other.port}/ws`, TOKEN);
    await other.close();
    expect((await t.closed).code).toBe(1001);
    await expect(rawGet(other.port, '/')).rejects.toThrow();
    // The first server is untouched.
    s.send({ id: 1, channel: 'status:get' });
    expect(await s.next((m) => m.id === 1)).toMatchObject({ ok: true });
    s.ws.close();
  });
});
