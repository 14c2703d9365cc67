import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../electron/core/errors.js';
import { startEmbeddedServer } from '../../electron/core/db/embedded-server.js';
import type { EmbeddedHandle } from '../../electron/core/db/embedded-server.js';
import { isProcessAlive, waitForExit } from '../../electron/core/db/process-utils.js';
import { readPostmasterPid, serverPaths } from '../../electron/core/db/server-files.js';
import { makeTempDataDir } from '../helpers/postgres.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const log = { debug() {}, info() {}, warn() {} };

// A second process for the cross-process cases: starts the server on a folder, prints
// what it got as one JSON line, then stops and exits ('stop') or keeps running until
// SIGTERM, which makes it stop the server if it owns it ('hold').
const CHILD = `
import { startEmbeddedServer } from ${JSON.stringify(pathToFileURL(path.join(repo, 'electron/core/db/embedded-server.ts')).href)};
const [dataDir, mode] = process.argv.slice(2);
const log = { debug() {}, info() {}, warn() {} };
const h = await startEmbeddedServer({ dataDir, log });
// The handler is in place before the parent learns it may send SIGTERM.
process.on('SIGTERM', () => { h.stop().then(() => process.exit(0), () => process.exit(1)); });
process.stdout.write(JSON.stringify({ pid: process.pid, port: h.port, owned: h.owned, postmasterPid: h.postmasterPid }) + '\\n');
if (mode === 'stop') { await h.stop(); process.exit(0); }
setInterval(() => {}, 1 << 30);
`;

interface ChildInfo { pid: number; port: number; owned: boolean; postmasterPid: number }

let scriptDir = '';
const children: ChildProcess[] = [];
const dirs: string[] = [];
const handles: EmbeddedHandle[] = [];

beforeAll(async () => {
  scriptDir = await makeTempDataDir();
  await fs.writeFile(path.join(scriptDir, 'child.mjs'), CHILD);
});
afterAll(async () => {
  await fs.rm(scriptDir, { recursive: true, force: true });
});

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await waitForExit(child.pid, 10_000);
    }
  }
  for (const h of handles.splice(0)) await h.stop();
  // Whatever server a test left running on its folder (adopted, orphaned) goes too.
  for (const dir of dirs.splice(0)) {
    const info = await readPostmasterPid(serverPaths(dir).pgData);
    if (info && isProcessAlive(info.pid)) {
      process.kill(info.pid, 'SIGINT');
      await waitForExit(info.pid, 30_000);
    }
    await fs.rm(dir, { recursive: true, force: true });
  }
});

async function newDataDir(): Promise<string> {
  const dir = path.join(await makeTempDataDir(), 'data');
  dirs.push(path.dirname(dir));
  return dir;
}

async function start(dataDir: string): Promise<EmbeddedHandle> {
  const h = await startEmbeddedServer({ dataDir, log });
  handles.push(h);
  return h;
}

function runChild(dataDir: string, mode: 'stop' | 'hold'): { child: ChildProcess; info: Promise<ChildInfo> } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(scriptDir, 'child.mjs'), dataDir, mode], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr?.on('data', (c: Buffer) => { err += c.toString(); });
  const info = new Promise<ChildInfo>((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve(JSON.parse(line) as ChildInfo);
    });
    child.on('exit', (code) => reject(new Error(`child exited (${code}) before reporting: ${err}`)));
  });
  return { child, info };
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Postmasters (not their worker processes) running on `pgData`, from /proc. */
function postmastersOn(pgData: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (path.basename(argv[0] ?? '') === 'postgres' && argv[argv.indexOf('-D') + 1] === pgData) found.push(Number(entry));
    } catch {
      // exited while we looked
    }
  }
  // A just-forked worker still shows the postmaster's command line until it renames
  // itself: keep only processes whose parent is not one of the others.
  const parentOf = (pid: number): number | null => {
    try {
      return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')[1]);
    } catch {
      return null;
    }
  };
  return found.filter((pid) => !found.includes(parentOf(pid) ?? -1));
}

async function query<T extends pg.QueryResultRow>(dataDir: string, port: number, sql: string): Promise<T[]> {
  const auth = JSON.parse(await fs.readFile(serverPaths(dataDir).authFile, 'utf8')) as { user: string; password: string };
  // Named like this process's own pool, so a handle's stop() here does not take it for another user.
  const client = new pg.Client({ host: '127.0.0.1', port, user: auth.user, password: auth.password, database: 'alphapulse', application_name: `alphapulse-sync:${process.pid}` });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe.runIf(process.platform === 'linux')('embedded PostgreSQL server', () => {
  it('initialises a new folder: private password file, loopback only, data kept across restarts', async () => {
    const dataDir = await newDataDir();
    const paths = serverPaths(dataDir);
    const h = await start(dataDir);
    expect(h).toMatchObject({ host: '127.0.0.1', owned: true, database: 'alphapulse', user: 'postgres' });

    expect((await fs.stat(paths.authFile)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await fs.readFile(paths.authFile, 'utf8'))).toMatchObject({ password: h.password });
    if (process.getuid?.() === 0) expect((await fs.stat(paths.pgData)).uid).not.toBe(0);

    const settings = await query<{ l: string; s: string }>(dataDir, h.port, "SELECT current_setting('listen_addresses') AS l, current_setting('unix_socket_directories') AS s");
    expect(settings).toEqual([{ l: '127.0.0.1', s: '' }]);
    await query(dataDir, h.port, 'CREATE TABLE kept (v text); INSERT INTO kept VALUES (\'before restart\')');
    // A failed login is logged by the server: with the user name, never a password.
    const bad = new pg.Client({ host: '127.0.0.1', port: h.port, user: 'postgres', password: 'wrong', database: 'alphapulse' });
    await expect(bad.connect()).rejects.toThrow(/password authentication failed/);

    await h.stop();
    expect(isProcessAlive(h.postmasterPid)).toBe(false);
    expect(await readPostmasterPid(paths.pgData)).toBeUndefined();

    const again = await start(dataDir);
    expect(again.port).toBe(h.port); // the last port is reused when free
    expect(await query(dataDir, again.port, 'SELECT v FROM kept')).toEqual([{ v: 'before restart' }]);
    const serverLog = await fs.readFile(paths.logFile, 'utf8');
    expect(serverLog).toMatch(/password authentication failed/);
    expect(serverLog).not.toContain(h.password);
  });

  it('is reused by another process, which does not stop it', async () => {
    const dataDir = await newDataDir();
    const h = await start(dataDir);
    const { child, info } = runChild(dataDir, 'stop');
    const other = await info;
    expect(other).toMatchObject({ port: h.port, owned: false, postmasterPid: h.postmasterPid });
    expect(await exited(child)).toBe(0);
    // The other process's stop() left the server alone.
    expect(postmastersOn(serverPaths(dataDir).pgData)).toEqual([h.postmasterPid]);
    expect(await query(dataDir, h.port, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('starts one server when two processes start on a new folder at once; its owner stops it', async () => {
    const dataDir = await newDataDir();
    const a = runChild(dataDir, 'hold');
    const b = runChild(dataDir, 'hold');
    const [ia, ib] = await Promise.all([a.info, b.info]);
    expect([ia.owned, ib.owned].sort()).toEqual([false, true]);
    expect(ia.port).toBe(ib.port);
    expect(ia.postmasterPid).toBe(ib.postmasterPid);
    expect(postmastersOn(serverPaths(dataDir).pgData)).toEqual([ia.postmasterPid]);

    const [owner, sharer] = ia.owned ? [a, b] : [b, a];
    sharer.child.kill('SIGTERM');
    expect(await exited(sharer.child)).toBe(0);
    expect(isProcessAlive(ia.postmasterPid)).toBe(true);
    owner.child.kill('SIGTERM');
    expect(await exited(owner.child)).toBe(0);
    expect(isProcessAlive(ia.postmasterPid)).toBe(false);
  });

  it('its owner hands it over instead of stopping it while another process is still connected', async () => {
    const dataDir = await newDataDir();
    const h = await start(dataDir);
    const auth = JSON.parse(await fs.readFile(serverPaths(dataDir).authFile, 'utf8')) as { user: string; password: string };
    const other = new pg.Client({ host: '127.0.0.1', port: h.port, user: auth.user, password: auth.password, database: 'alphapulse', application_name: 'another-process' });
    other.on('error', () => undefined);
    await other.connect();
    await h.stop();
    expect(isProcessAlive(h.postmasterPid)).toBe(true);
    expect((await other.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await other.end();
    // Its backend leaves pg_stat_activity a moment after the client disconnects.
    for (let i = 0; i < 100 && (await query(dataDir, h.port, "SELECT 1 FROM pg_stat_activity WHERE application_name = 'another-process'")).length > 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    // Nobody owns it now: the next process to start takes it over, and stops it in the end.
    const next = await start(dataDir);
    expect(next).toMatchObject({ owned: true, postmasterPid: h.postmasterPid });
    await next.stop();
    expect(isProcessAlive(h.postmasterPid)).toBe(false);
  });

  it('is adopted, data intact, when its owner process was killed with SIGKILL', async () => {
    const dataDir = await newDataDir();
    const { child, info } = runChild(dataDir, 'hold');
    const first = await info;
    expect(first.owned).toBe(true);
    await query(dataDir, first.port, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('survives the owner')");

    child.kill('SIGKILL');
    await exited(child);
    expect(isProcessAlive(first.postmasterPid)).toBe(true); // detached: it outlived its owner

    const h = await start(dataDir);
    expect(h).toMatchObject({ owned: true, port: first.port, postmasterPid: first.postmasterPid });
    expect(await query(dataDir, h.port, 'SELECT v FROM kept')).toEqual([{ v: 'survives the owner' }]);
    await h.stop();
    expect(isProcessAlive(first.postmasterPid)).toBe(false);
  });

  it('recovers, data intact, after the server itself was killed with SIGKILL', async () => {
    const dataDir = await newDataDir();
    const h = await start(dataDir);
    await query(dataDir, h.port, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('committed before the crash')");
    process.kill(h.postmasterPid, 'SIGKILL');
    expect(await waitForExit(h.postmasterPid, 10_000)).toBe(true);
    expect(await readPostmasterPid(serverPaths(dataDir).pgData)).toMatchObject({ pid: h.postmasterPid }); // stale

    const again = await start(dataDir);
    expect(again.owned).toBe(true);
    expect(again.postmasterPid).not.toBe(h.postmasterPid);
    expect(await query(dataDir, again.port, 'SELECT v FROM kept')).toEqual([{ v: 'committed before the crash' }]);
    expect(await fs.readFile(serverPaths(dataDir).logFile, 'utf8')).toMatch(/not properly shut down; automatic recovery in progress/);

    // The first handle's stop() must not touch the server that replaced its own.
    await h.stop();
    expect(isProcessAlive(again.postmasterPid)).toBe(true);
  });

  it('ignores a stale lock file and a postmaster.pid that names an unrelated process', async () => {
    const dataDir = await newDataDir();
    const paths = serverPaths(dataDir);
    const h = await start(dataDir);
    await h.stop();
    // A lock left by a process that died, and a postmaster.pid naming a live process that is
    // not PostgreSQL (as after a reboot): PostgreSQL alone would refuse to start.
    const dead = spawn(process.execPath, ['-e', '']);
    await exited(dead);
    await fs.writeFile(paths.lockFile, JSON.stringify({ pid: dead.pid, at: Date.now() }));
    await fs.writeFile(path.join(paths.pgData, 'postmaster.pid'), `${process.pid}\n${paths.pgData}\n0\n${h.port}\n\n127.0.0.1\n0\nready\n`);

    const again = await start(dataDir);
    expect(again.owned).toBe(true);
    expect(postmastersOn(paths.pgData)).toEqual([again.postmasterPid]);
  });

  it('fails with the server log\'s explanation when the server cannot start', async () => {
    const dataDir = await newDataDir();
    const paths = serverPaths(dataDir);
    const h = await start(dataDir);
    await h.stop();
    await fs.appendFile(path.join(paths.pgData, 'postgresql.conf'), '\nno_such_setting_xyz = 1\n');

    const e = await startEmbeddedServer({ dataDir, log }).then(() => undefined, (err: unknown) => err);
    expect(isAppError(e) && e.errorClass).toBe('database');
    expect((e as Error).message).toMatch(/no_such_setting_xyz/);
    expect(isAppError(e) && e.recommendation).toContain(paths.logFile);
    expect((e as Error).message).not.toContain(h.password);
    expect(postmastersOn(paths.pgData)).toEqual([]);
  });
});
