import { readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type SyncHarness } from '../helpers/sync-harness.js';
import { runCli } from '../helpers/cli.js';
import { rawGet } from '../e2e/helpers/http-raw.js';
import { startServe } from '../e2e/helpers/serve-process.js';

// `alphapulse-sync serve` as a person starts it: options, the token, the printed link.
// The bundle is built by the e2e global setup (test/e2e/build-setup.ts).

const cli = runCli;

describe('alphapulse-sync serve: options, token and link', () => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  it('a fixed ALPHAPULSE_SERVE_TOKEN is the link\'s token; --host beyond loopback warns; stdout stays empty', async () => {
    const token = 'fixed-token-for-this-test-0123';
    const serve = await startServe({ ...h.env, ALPHAPULSE_SERVE_TOKEN: token, EXCHANGE_SYNC_ENABLED: 'false' }, ['--port', '0', '--host', '0.0.0.0']);
    try {
      expect(serve.token).toBe(token);
      expect(serve.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(serve.stderr()).toMatch(/warning: the dashboard listens on 0\.0\.0\.0/);
      const port = Number(new URL(serve.origin).port);
      expect((await rawGet(port, '/')).status).toBe(200);
      expect((await rawGet(port, '/', { Host: `attacker.example:${port}` })).status).toBe(403);
    } finally {
      expect(await serve.stop()).toBe(0);
    }
    expect(serve.stdout()).toBe('');
    // The token is a password: it never reaches the log file.
    expect(await readFile(path.join(h.dataDir, 'logs', 'alphapulse-sync.log'), 'utf8')).not.toContain(token);
  });

  it('without the variable each start gets a new random token; on loopback no warning', async () => {
    const tokens: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const serve = await startServe({ ...h.env, EXCHANGE_SYNC_ENABLED: 'false' });
      tokens.push(serve.token);
      expect(serve.stderr()).not.toContain('warning');
      expect(await serve.stop()).toBe(0);
    }
    expect(tokens[0]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokens[0]).not.toBe(tokens[1]);
  });

  it('usage errors exit 2: a weak token, a bad port, a port in use', async () => {
    const weak = await cli(['serve'], { ...h.env, ALPHAPULSE_SERVE_TOKEN: 'short' });
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain('ALPHAPULSE_SERVE_TOKEN');
    expect(weak.stderr).not.toContain('short');
    const flat = await cli(['serve'], { ...h.env, ALPHAPULSE_SERVE_TOKEN: 'aaaaaaaaaaaaaaaa' });
    expect(flat.code).toBe(2);
    expect(flat.stderr).toMatch(/ALPHAPULSE_SERVE_TOKEN is too easy to guess/);
    expect(flat.stderr).not.toContain('aaaaaaaaaaaaaaaa');
    expect((await cli(['serve', '--port', 'abc'], h.env)).code).toBe(2);
    expect((await cli(['serve', '--port', '70000'], h.env)).code).toBe(2);
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const port = (blocker.address() as net.AddressInfo).port;
      const busy = await cli(['serve', '--port', String(port)], { ...h.env, EXCHANGE_SYNC_ENABLED: 'false' });
      expect(busy.code).toBe(2);
      expect(busy.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });
});
