import type { PoolClient } from 'pg';

/**
 * Runs `fn` in one transaction on a checked-out connection: COMMIT when it resolves,
 * ROLLBACK when it throws (the error is rethrown; a failed ROLLBACK, on a connection
 * already lost, is left to the caller's release). Everything `fn` writes is kept
 * together or not at all.
 */
export async function withTransaction<T>(client: Pick<PoolClient, 'query'>, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  let result: T;
  try {
    result = await fn();
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
  try {
    await client.query('COMMIT');
  } catch (e) {
    // A COMMIT that fails (a deferred constraint, a lost connection) has rolled back.
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
  return result;
}
