import type { Pool } from 'pg';

/** An exchange account as the database knows it: every machine sharing the database sees the same list. */
export interface RegisteredAccount {
  exchangeId: string;
  account: string;
  label: string | null;
  testnet: boolean;
  demo: boolean;
  /** Set once the account was removed (history kept or deleted); null while active. */
  removedAt: Date | null;
}

export type RemovalMode = 'keep' | 'delete';

/** The accounts table as the shared list of accounts: read, removed, restored. */
export interface AccountRegistry {
  list(): Promise<RegisteredAccount[]>;
  /**
   * Marks the account removed. `delete` also deletes every row it has, in one
   * transaction, leaving only the removed mark (so every machine keeps hiding it).
   * Returns whether anything changed.
   */
  remove(ref: { exchangeId: string; account: string }, mode: RemovalMode): Promise<boolean>;
  /** Makes a removed account active again (its kept history shows at once). */
  restore(ref: { exchangeId: string; account: string }): Promise<void>;
}

export function createAccountRegistry(pool: Pool, now: () => Date): AccountRegistry {
  return {
    async list() {
      const { rows } = await pool.query<{ exchange_id: string; account: string; label: string | null; testnet: boolean; demo: boolean; removed_at: Date | null }>(
        'SELECT exchange_id, account, label, testnet, demo, removed_at FROM accounts ORDER BY exchange_id, account');
      return rows.map((r) => ({ exchangeId: r.exchange_id, account: r.account, label: r.label, testnet: r.testnet, demo: r.demo, removedAt: r.removed_at }));
    },
    async remove(ref, mode) {
      if (mode === 'keep') {
        // No lock needed: a sync finishing meanwhile writes rows that stay hidden.
        const { rowCount } = await pool.query(
          `INSERT INTO accounts (exchange_id, account, removed_at) VALUES ($1, $2, $3)
           ON CONFLICT (exchange_id, account) DO UPDATE SET removed_at = EXCLUDED.removed_at, updated_at = now() WHERE accounts.removed_at IS NULL`,
          [ref.exchangeId, ref.account, now()]);
        return (rowCount ?? 0) > 0;
      }
      const db = await pool.connect();
      try {
        await db.query('BEGIN');
        // Waits for a sync of this account (it holds the same lock) so none writes after the delete.
        await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`alphapulse-sync:${ref.exchangeId}:${ref.account}`]);
        const gone = await db.query<{ label: string | null; testnet: boolean; demo: boolean }>(
          'DELETE FROM accounts WHERE exchange_id = $1 AND account = $2 RETURNING label, testnet, demo', [ref.exchangeId, ref.account]);
        // Tables keyed by the account's id go with it (ON DELETE CASCADE); these two are keyed by name.
        const items = await db.query('DELETE FROM portfolio_items WHERE exchange_id = $1 AND account = $2', [ref.exchangeId, ref.account]);
        const runs = await db.query('DELETE FROM sync_history WHERE exchange_id = $1 AND account = $2', [ref.exchangeId, ref.account]);
        const was = gone.rows[0];
        // A fresh row that only says "removed": other machines keep hiding the account,
        // and re-adding it starts its import from scratch.
        await db.query('INSERT INTO accounts (exchange_id, account, label, testnet, demo, removed_at) VALUES ($1, $2, $3, $4, $5, $6)',
          [ref.exchangeId, ref.account, was?.label ?? null, was?.testnet ?? false, was?.demo ?? false, now()]);
        await db.query('COMMIT');
        return (gone.rowCount ?? 0) + (items.rowCount ?? 0) + (runs.rowCount ?? 0) > 0;
      } catch (e) {
        await db.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        db.release();
      }
    },
    async restore(ref) {
      await pool.query('UPDATE accounts SET removed_at = NULL, updated_at = now() WHERE exchange_id = $1 AND account = $2 AND removed_at IS NOT NULL', [ref.exchangeId, ref.account]);
    },
  };
}

/** The same registry with every failure classified (a database error says so, with what to do). */
export function classifyRegistryErrors(r: AccountRegistry, classify: (e: unknown) => Error): AccountRegistry {
  const wrap = <A extends unknown[], T>(fn: (...args: A) => Promise<T>) => (...args: A): Promise<T> => fn(...args).catch((e: unknown) => {
    throw classify(e);
  });
  return { list: wrap(r.list), remove: wrap(r.remove), restore: wrap(r.restore) };
}
