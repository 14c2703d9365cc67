import pg from 'pg';
import { AppError } from '../errors.js';
import { safeCause } from './errors.js';
import { sleep } from './process-utils.js';

export interface ReadyProbe {
  port: number;
  user: string;
  password: string;
  /** Stop early (the server process is gone): there is nothing to wait for. */
  isAlive: () => boolean;
  deadline: number;
}

export type ReadyResult = { ok: true; client: pg.Client } | { ok: false; reason: 'exited' | 'timeout'; lastError: string };

/**
 * Polls with real connections to the `postgres` database until one succeeds, and
 * returns it open (the caller has set-up to do). A wrong password ends the wait at
 * once: the server is up, but not ours to use.
 */
export async function waitUntilReady(probe: ReadyProbe): Promise<ReadyResult> {
  let lastError = '';
  for (;;) {
    const client = new pg.Client({
      host: '127.0.0.1', port: probe.port, user: probe.user, password: probe.password, database: 'postgres',
      connectionTimeoutMillis: 2_000, application_name: 'alphapulse-sync (start)',
    });
    client.on('error', () => undefined); // a server that goes away mid-probe must not crash us
    try {
      await client.connect();
      return { ok: true, client };
    } catch (e) {
      await client.end().catch(() => undefined);
      const code = (e as { code?: unknown }).code;
      if (code === '28P01' || code === '28000') {
        throw new AppError('database', 'The built-in database server rejected the password stored in postgres-auth.json',
          'Another program may have changed the postgres password. Restore postgres-auth.json from a backup, or move the data folder\'s "postgres" folder away to start a new database.', { cause: safeCause(e, [probe.password]) });
      }
      lastError = e instanceof Error ? e.message : String(e);
    }
    if (!probe.isAlive()) return { ok: false, reason: 'exited', lastError };
    if (Date.now() > probe.deadline) return { ok: false, reason: 'timeout', lastError };
    await sleep(40);
  }
}
