import pg from 'pg';
import type { ConnectionSettings } from './database-target.js';
import { describeConnection } from './database-target.js';
import { classifyDatabaseError } from './errors.js';
import { clientConfig } from './pg-config.js';

/**
 * Creates `target.database` on its server, connecting with the same credentials to the
 * `postgres` maintenance database (`template1` where a provider removed it). Resolves
 * 'exists' when it is already there, for instance created by a racing process.
 */
export async function createDatabase(target: ConnectionSettings): Promise<'created' | 'exists'> {
  const description = describeConnection('external', target);
  let client: pg.Client | undefined;
  try {
    client = await connectMaintenance(target);
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [target.database]);
    if (found.rowCount) return 'exists';
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(target.database)}`);
    return 'created';
  } catch (e) {
    if ((e as { code?: unknown }).code === '42P04') return 'exists';
    throw classifyDatabaseError(e, description, [target.password], { phase: client ? 'query' : 'connect' });
  } finally {
    await client?.end().catch(() => undefined);
  }
}

async function connectMaintenance(target: ConnectionSettings): Promise<pg.Client> {
  for (const name of ['postgres', 'template1']) {
    const client = new pg.Client(clientConfig(target, name));
    client.on('error', () => undefined);
    try {
      await client.connect();
      return client;
    } catch (e) {
      await client.end().catch(() => undefined);
      if ((e as { code?: unknown }).code !== '3D000' || name === 'template1') throw e;
    }
  }
  throw new Error('unreachable');
}
