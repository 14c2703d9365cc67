import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_ONLY_KEY, type FaultSpec } from '../fake-bybit/index.js';
import { startHarness, type SyncHarness } from '../helpers/sync-harness.js';

// Distinctive credentials, so any leak is unmistakable.
const KEY = 'ZZKEYleak4Xq9Lm2Vb7';
const SECRET = 'ZZSECRETleak8Pw3Rt6Yn1';
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin', 'alphapulse-sync.js');

describe('secrets never leak, whatever fails', () => {
  let h: SyncHarness;
  const seen: string[] = [];

  beforeAll(async () => {
    await run(process.execPath, [path.join(root, 'scripts', 'build-core.mjs')]);
    h = await startHarness({ key: { ...READ_ONLY_KEY, name: 'distinct', apiKey: KEY, secret: SECRET }, server: { extraKeys: [{ ...READ_ONLY_KEY, name: 'distinct', apiKey: KEY, secret: SECRET }] } });
  });
  afterAll(async () => h.close());

  it('provokes a failure of every exchange class and records every payload', async () => {
    const core = await h.core({ tuning: { resilience: { initialDelayMs: 5, maxDelayMs: 20, requestTimeoutMs: 400 }, breaker: { threshold: 1000, cooldownMs: 1 } } });
    core.events.on('sync:finished', (s) => seen.push(JSON.stringify(s)));
    core.events.on('sync:progress', (p) => seen.push(JSON.stringify(p)));
    const faults: Array<[string, FaultSpec]> = [
      ['auth', { kind: 'retCode', retCode: 10003, path: '/v5/user/query-api' }],
      ['permission', { kind: 'retCode', retCode: 10005, path: '/v5/user/query-api' }],
      ['ip', { kind: 'retCode', retCode: 10010, path: '/v5/user/query-api' }],
      ['clock', { kind: 'retCode', retCode: 10002, path: '/v5/user/query-api' }],
      ['rate-limit', { kind: 'retCode', retCode: 10006, path: '/v5/user/query-api' }],
      ['exchange-down', { kind: 'http', status: 502, path: '/v5/user/query-api' }],
      ['network', { kind: 'reset', path: '/v5/user/query-api' }],
      ['bad-response', { kind: 'malformedJson', path: '/v5/user/query-api' }],
    ];
    const classes: string[] = [];
    for (const [, spec] of faults) {
      h.server.clearFaults();
      h.server.addFault(spec);
      const r = await core.invoke('sync:run', { trigger: 'manual' });
      classes.push(r.accounts[0]?.error?.errorClass ?? 'none');
      seen.push(JSON.stringify(r));
    }
    expect(classes).toEqual(faults.map(([c]) => c));
    // A wrong secret: Bybit's 10004 message quotes the signed string, key included.
    h.server.clearFaults();
    const wrong = await h.core({ env: { BYBIT_API_SECRET: 'ZZWRONGsecret000000' } });
    const w = await wrong.invoke('sync:run', { trigger: 'manual', force: true });
    expect(w.accounts[0]?.error?.errorClass, JSON.stringify(w)).toBe('auth');
    seen.push(JSON.stringify(w));
    // A good run too: success paths log and store as well.
    seen.push(JSON.stringify(await core.invoke('sync:run', { trigger: 'manual' })));
    for (const channel of ['status:get', 'portfolio:get', 'positions:list', 'history:list', 'net-value:get'] as const) {
      seen.push(JSON.stringify(await core.invoke(channel)));
    }
  });

  it('the CLI output (text and JSON), the log folder and a dump of the database contain neither key nor secret', async () => {
    const env = { ...process.env, ...h.env, EXCHANGE_SYNC_LOG_LEVEL: 'DEBUG' };
    for (const args of [['sync'], ['sync', '--json'], ['status'], ['status', '--json'], ['history', '--json'], ['portfolio', '--json']]) {
      const r = await run(process.execPath, [bin, ...args], { env }).catch((e: { stdout: string; stderr: string }) => e);
      seen.push(r.stdout, r.stderr);
    }
    h.server.addFault({ kind: 'retCode', retCode: 10003, path: '/v5/market/tickers' });
    const failed = await run(process.execPath, [bin, 'sync'], { env }).catch((e: { stdout: string; stderr: string }) => e);
    seen.push(failed.stdout, failed.stderr);

    const logDir = path.join(h.dataDir, 'logs');
    const logs = await Promise.all((await fs.readdir(logDir)).map((f) => fs.readFile(path.join(logDir, f), 'utf8')));
    expect(logs.join('').length).toBeGreaterThan(1000);
    const tables = await h.db.pool.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
    const dump: string[] = [];
    for (const { tablename } of tables.rows) {
      const rows = await h.db.pool.query(`SELECT row_to_json(t)::text AS j FROM ${tablename} t`);
      dump.push(...rows.rows.map((r: { j: string }) => r.j));
    }
    // The failures' own messages were stored (every table has the column; what matters is
    // that the texts are there to be searched), the wrong secret's among them.
    const messages = dump.map((j) => (JSON.parse(j) as { error_message?: unknown }).error_message).filter((m): m is string => typeof m === 'string');
    expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(/signature/), expect.stringMatching(/API key is invalid/)]));

    const haystacks = { cli_and_api: seen.join('\n'), logs: logs.join('\n'), database: dump.join('\n') };
    for (const [where, text] of Object.entries(haystacks)) {
      for (const secret of [KEY, SECRET, 'ZZWRONGsecret000000']) {
        expect({ where, leaked: text.includes(secret) }).toEqual({ where, leaked: false });
      }
    }
  });
});
