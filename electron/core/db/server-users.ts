import pg from 'pg';
import type { AuthRecord } from './server-files.js';

/**
 * Client sessions on the built-in server that belong to other processes (each process
 * names its sessions `alphapulse-sync:<pid>`); 0 when it cannot tell.
 */
export async function otherConnections(port: number, auth: AuthRecord): Promise<number> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: auth.user, password: auth.password, database: 'postgres', connectionTimeoutMillis: 3000, application_name: `alphapulse-sync:${process.pid}` });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND application_name <> $1",
      [`alphapulse-sync:${process.pid}`]);
    return rows[0]?.n ?? 0;
  } catch {
    return 0; // cannot tell: stop it as before
  } finally {
    await client.end().catch(() => undefined);
  }
}
