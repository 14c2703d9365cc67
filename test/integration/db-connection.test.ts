import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../electron/core/errors.js';
import { openDatabase } from '../../electron/core/db/connection.js';
import type { Database } from '../../electron/core/db/connection.js';
import { createDatabase } from '../../electron/core/db/create-database.js';
import { resolveDatabaseTarget } from '../../electron/core/db/database-target.js';
import type { DatabaseTarget } from '../../electron/core/db/database-target.js';
import { classifyDatabaseError, DatabaseError } from '../../electron/core/db/errors.js';
import type { DatabaseErrorKind } from '../../electron/core/db/errors.js';
import { findFreePort } from '../../electron/core/db/free-port.js';
import { adminUrl, createTestDatabase, databaseUrl, dropDatabase, uniqueDatabaseName } from '../helpers/postgres.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

interface Recorded { level: string; msg: string; data?: Record<string, unknown> }
function recorder(): { log: Parameters<typeof openDatabase>[1]['log']; lines: Recorded[] } {
  const lines: Recorded[] = [];
  const at = (level: string) => (msg: string, data?: Record<string, unknown>) => { lines.push({ level, msg, ...(data ? { data } : {}) }); };
  return { log: { debug: at('debug'), info: at('info'), warn: at('warn') }, lines };
}

async function open(target: DatabaseTarget, extra: { createDatabase?: boolean } = {}): Promise<Database> {
  const db = await openDatabase(target, { dataDir: '/nonexistent-not-used', log: recorder().log, ...extra });
  cleanups.push(() => db.close());
  return db;
}

async function failure(p: Promise<unknown>): Promise<DatabaseError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(DatabaseError);
  return e as DatabaseError;
}

const password = (): string => decodeURIComponent(new URL(adminUrl()).password);
const withPassword = (url: string, pw: string): string => { const u = new URL(url); u.password = encodeURIComponent(pw); return u.toString(); };

describe('resolveDatabaseTarget', () => {
  it('chooses the built-in server when nothing is configured', () => {
    expect(resolveDatabaseTarget({}, { database: { mode: 'embedded' } })).toEqual({ mode: 'embedded' });
    expect(resolveDatabaseTarget({ DATABASE_URL: '  ' })).toEqual({ mode: 'embedded' });
  });

  it('reads DATABASE_URL with sslmode and sslrootcert', () => {
    const t = resolveDatabaseTarget({ DATABASE_URL: 'postgresql://bob:p%40ss@db.example.com:6543/pf?sslmode=require&sslrootcert=/etc/ca.pem' });
    expect(t).toEqual({ mode: 'external', source: 'DATABASE_URL', host: 'db.example.com', port: 6543, user: 'bob', password: 'p@ss', database: 'pf', sslMode: 'verify-ca', caFile: '/etc/ca.pem' });
    expect(resolveDatabaseTarget({ DATABASE_URL: 'postgres://h/d?sslmode=verify-full' })).toMatchObject({ sslMode: 'verify-full', host: 'h', database: 'd', port: 5432 });
  });

  it('defaults the DB_* variables as the old module did', () => {
    expect(resolveDatabaseTarget({ DB_HOST: 'pg.lan' })).toEqual({
      mode: 'external', source: 'DB_HOST/DB_PORT/DB_USER/DB_PASS/DB_NAME', host: 'pg.lan', port: 5432, user: 'postgres', password: 'postgres', database: 'alphapulse', sslMode: 'disable',
    });
    expect(() => resolveDatabaseTarget({ DB_PORT: 'abc' })).toThrow(/DB_PORT/);
  });

  it('lets the environment win over the settings, and settings never weaken TLS', () => {
    const settings = { database: { mode: 'external' as const, url: 'postgres://u:x@settings-host/db?sslmode=verify-full', sslMode: 'disable' as const } };
    expect(resolveDatabaseTarget({ DB_NAME: 'fromenv' }, settings)).toMatchObject({ database: 'fromenv', host: 'localhost' });
    expect(resolveDatabaseTarget({}, settings)).toMatchObject({ source: 'settings', host: 'settings-host', sslMode: 'verify-full' });
    expect(resolveDatabaseTarget({}, { database: { mode: 'external', url: 'postgres://h/db', sslMode: 'require', caFile: null } })).toMatchObject({ sslMode: 'require' });
  });

  it('names the variable of a malformed URL without echoing its password', () => {
    const secret = 'hunter2-very-secret';
    for (const bad of [`postgres://user:${secret}@host:notaport/db`, `mysql://user:${secret}@host/db`, `postgres://u:${secret}@h/db?sslmode=sometimes`]) {
      const e = (() => { try { resolveDatabaseTarget({ DATABASE_URL: bad }); } catch (err) { return err; } return undefined; })();
      expect(isAppError(e) && e.errorClass).toBe('config');
      expect((e as Error).message).toContain('DATABASE_URL');
      expect(`${(e as Error).message} ${isAppError(e) ? e.recommendation : ''}`).not.toContain(secret);
    }
  });
});

describe('openDatabase (external)', () => {
  it('connects through DATABASE_URL and keeps NUMERIC exact and timestamps in UTC', async () => {
    const test = await createTestDatabase({ migrated: false });
    cleanups.push(() => test.drop());
    const db = await open(resolveDatabaseTarget({ DATABASE_URL: test.url }));
    expect(db.target).toMatchObject({ mode: 'external', host: '127.0.0.1', database: test.name, user: 'postgres' });
    expect(JSON.stringify(db.target)).not.toContain(password());
    const { rows } = await db.pool.query<{ n: unknown; ts: unknown; tz: string }>(
      "SELECT 0.1::numeric + 0.2::numeric AS n, '2026-01-02 03:04:05.5'::timestamp AS ts, current_setting('TimeZone') AS tz");
    expect(rows[0]?.n).toBe('0.3');
    expect(rows[0]?.ts).toEqual(new Date('2026-01-02T03:04:05.500Z'));
    expect(rows[0]?.tz).toBe('UTC');
  });

  it('reports a missing database with a recommendation, and createDatabase fixes it', async () => {
    const name = uniqueDatabaseName('missing');
    cleanups.push(() => dropDatabase(name));
    const target = resolveDatabaseTarget({ DATABASE_URL: databaseUrl(name) });
    const e = await failure(open(target));
    expect(e.kind).toBe('missing-database');
    expect(e.message).toContain(name);
    expect(e.recommendation).toMatch(/CREATE DATABASE|[Cc]reate it/);
    expect(e.message + e.recommendation).not.toContain(password());

    if (target.mode !== 'external') throw new Error('expected an external target');
    expect(await createDatabase(target)).toBe('created');
    expect(await createDatabase(target)).toBe('exists');
    const db = await open(target);
    expect((await db.pool.query('SELECT current_database() AS d')).rows[0]).toEqual({ d: name });
  });

  it('creates a missing database on open when asked to', async () => {
    const name = uniqueDatabaseName('autocreate');
    cleanups.push(() => dropDatabase(name));
    const db = await open(resolveDatabaseTarget({ DATABASE_URL: databaseUrl(name) }), { createDatabase: true });
    expect((await db.pool.query('SELECT current_database() AS d')).rows[0]).toEqual({ d: name });
  });

  it('classifies a wrong password as an authentication failure without showing it', async () => {
    const wrong = 'definitely-wrong-password-123';
    const e = await failure(open(resolveDatabaseTarget({ DATABASE_URL: withPassword(adminUrl(), wrong) })));
    expect(e.kind).toBe('auth');
    expect(e.code).toBe('28P01');
    expect(e.errorClass).toBe('database');
    expect(e.message + e.recommendation).not.toContain(wrong);
  });

  it('classifies a refused port as a transient connection failure', async () => {
    const port = await findFreePort();
    const e = await failure(open(resolveDatabaseTarget({ DB_HOST: '127.0.0.1', DB_PORT: String(port), DB_PASS: 'secret-pass-xyz' })));
    expect(e.kind).toBe('connection');
    expect(e.transient).toBe(true);
    expect(e.message).toContain(String(port));
    expect(e.message + e.recommendation).not.toContain('secret-pass-xyz');
  });

  it('classifies a server that refuses TLS when sslmode=require', async () => {
    const u = new URL(adminUrl());
    u.searchParams.set('sslmode', 'require');
    const e = await failure(open(resolveDatabaseTarget({ DATABASE_URL: u.toString() })));
    expect(e.kind).toBe('tls');
  });

  it('keeps working after its connections are terminated by the server', async () => {
    const test = await createTestDatabase({ migrated: false });
    cleanups.push(() => test.drop());
    const { log, lines } = recorder();
    const db = await openDatabase(resolveDatabaseTarget({ DATABASE_URL: test.url }), { dataDir: '', log });
    cleanups.push(() => db.close());
    // One idle and one checked-out connection, both cut from the server side.
    const held = await db.pool.connect();
    await db.pool.query('SELECT 1');
    const killer = new pg.Client({ connectionString: test.url });
    await killer.connect();
    const killed = await killer.query<{ n: string }>(
      'SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    await killer.end();
    expect(Number(killed.rows[0]?.n)).toBeGreaterThanOrEqual(2);

    // A checked-out client's failure leaves the db layer classified, decided by its code.
    const cut = await held.query('SELECT 1').then(() => undefined, (err: unknown) => err);
    held.release(true);
    expect(cut).toBeInstanceOf(DatabaseError);
    expect(cut).toMatchObject({ errorClass: 'database', transient: true });
    expect(['connection-lost', 'shutdown']).toContain((cut as DatabaseError).kind);
    // The idle one is reported and replaced; the process is still alive to run this.
    await expect.poll(() => lines.some((l) => l.level === 'warn' && /connection was lost/.test(l.msg))).toBe(true);
    expect((await db.pool.query<{ ok: number }>('SELECT 1 AS ok')).rows[0]?.ok).toBe(1);
    // A statement the server refuses is classified too, and leaves the pool usable.
    await expect(db.pool.query('SELECT * FROM no_such_table')).rejects.toMatchObject({ errorClass: 'database', kind: 'query', code: '42P01' });
    expect((await db.pool.query<{ ok: number }>('SELECT 1 AS ok')).rows[0]?.ok).toBe(1);
  });
});

describe('classifyDatabaseError', () => {
  const target = { mode: 'external' as const, host: 'db.example.com', port: 5432, database: 'pf', user: 'bob', sslMode: 'disable' as const };
  const cases: Array<[string, unknown, DatabaseErrorKind, boolean]> = [
    ['admin shutdown', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }), 'shutdown', true],
    ['starting up', Object.assign(new Error('the database system is starting up'), { code: '57P03' }), 'shutdown', true],
    ['unknown host', Object.assign(new Error('getaddrinfo ENOTFOUND db.example.com'), { code: 'ENOTFOUND' }), 'connection', false],
    ['happy eyeballs', Object.assign(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })], ''), {}), 'connection', true],
    ['self-signed', Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), 'tls', false],
    ['refused by pg_hba.conf', Object.assign(new Error('no pg_hba.conf entry for host "1.2.3.4", user "bob", database "pf", no encryption'), { code: '28000' }), 'auth', false],
    ['no slots', Object.assign(new Error('sorry, too many clients already'), { code: '53300' }), 'too-many-connections', true],
    ['a statement error', Object.assign(new Error('relation "x" does not exist'), { code: '42P01' }), 'query', false],
  ];
  it.each(cases)('%s', (_name, err, kind, transient) => {
    const e = classifyDatabaseError(err, target, [], { phase: 'connect' });
    expect(e).toBeInstanceOf(DatabaseError);
    expect(e).toMatchObject({ kind, transient, errorClass: 'database' });
    expect(e.recommendation.length).toBeGreaterThan(10);
  });

  it('places an error without a code by when it happened, whatever its words', () => {
    // The same words each time: only the context decides.
    const words = (): Error => new Error('timeout exceeded; Connection terminated; does not support SSL');
    const kind = (ctx: Parameters<typeof classifyDatabaseError>[3], t: typeof target | typeof tlsTarget = target) => (classifyDatabaseError(words(), t, [], ctx) as DatabaseError).kind;
    const tlsTarget = { ...target, sslMode: 'require' as const };
    expect(kind({ phase: 'query' })).toBe('connection-lost');
    expect(kind({ phase: 'connect' })).toBe('connection');
    expect(kind({ phase: 'connect', timedOut: true })).toBe('timeout');
    expect(kind({ phase: 'connect' }, tlsTarget)).toBe('tls');
    expect(kind({ phase: 'query' }, tlsTarget)).toBe('connection-lost');
    // A bug of ours is not dressed up as a connection problem.
    expect(classifyDatabaseError(new TypeError('x is not a function'), target)).toMatchObject({ kind: 'query' });
  });

  it('cuts the password out of quoted server text and of the kept cause', () => {
    const err = Object.assign(new Error('syntax error near "s3cret-pw" in postgres://bob:s3cret-pw@host/db'), { code: '42601' });
    const e = classifyDatabaseError(err, target, ['s3cret-pw']);
    expect(e.message).not.toContain('s3cret-pw');
    expect(String((e.cause as Error).message)).not.toContain('s3cret-pw');
  });
});
