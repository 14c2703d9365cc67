import type { PoolClient } from 'pg';
import type { FillsState } from '../../exchange/types.js';

export interface AccountRow {
  id: number;
  exchangeId: string;
  account: string;
  fills: FillsState;
  accountMode: string | null;
  lastSuccessAt: Date | null;
  /** Set when the account was removed (on any machine sharing the database). */
  removedAt: Date | null;
}

interface Raw {
  id: number;
  exchange_id: string;
  account: string;
  fills_cursor: Date | null;
  fills_history_start: Date | null;
  account_mode: string | null;
  last_success_at: Date | null;
  removed_at: Date | null;
}

const toRow = (r: Raw): AccountRow => ({
  id: r.id, exchangeId: r.exchange_id, account: r.account, accountMode: r.account_mode, lastSuccessAt: r.last_success_at, removedAt: r.removed_at,
  fills: { cursor: r.fills_cursor, historyStart: r.fills_history_start },
});

/**
 * The account's row, created on first sight. Switching testnet or demo points the
 * account at different data, so the fill import starts over.
 */
export async function ensureAccount(db: PoolClient, a: { exchangeId: string; account: string; label: string | null; testnet: boolean; demo: boolean }): Promise<AccountRow> {
  // Usually nothing changed: a read, not a write (a write is a commit, an fsync, before
  // the sync's first request).
  const found = await db.query<Raw & { label: string | null; testnet: boolean; demo: boolean }>(
    `SELECT id, exchange_id, account, fills_cursor, fills_history_start, account_mode, last_success_at, removed_at, label, testnet, demo
     FROM accounts WHERE exchange_id = $1 AND account = $2`, [a.exchangeId, a.account]);
  const row = found.rows[0];
  if (row && row.label === a.label && row.testnet === a.testnet && row.demo === a.demo) return toRow(row);
  const { rows } = await db.query<Raw>(
    `INSERT INTO accounts (exchange_id, account, label, testnet, demo) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (exchange_id, account) DO UPDATE SET label = EXCLUDED.label,
       fills_cursor = CASE WHEN accounts.testnet = EXCLUDED.testnet AND accounts.demo = EXCLUDED.demo THEN accounts.fills_cursor END,
       fills_history_start = CASE WHEN accounts.testnet = EXCLUDED.testnet AND accounts.demo = EXCLUDED.demo THEN accounts.fills_history_start END,
       account_mode = CASE WHEN accounts.testnet = EXCLUDED.testnet AND accounts.demo = EXCLUDED.demo THEN accounts.account_mode END,
       testnet = EXCLUDED.testnet, demo = EXCLUDED.demo, updated_at = now()
     RETURNING id, exchange_id, account, fills_cursor, fills_history_start, account_mode, last_success_at, removed_at`,
    [a.exchangeId, a.account, a.label, a.testnet, a.demo],
  );
  return toRow(rows[0]!);
}

export async function markAccountSynced(db: PoolClient, id: number, fills: FillsState, accountMode: string | null, at: Date): Promise<void> {
  await db.query(
    `UPDATE accounts SET fills_cursor = $2, fills_history_start = $3, account_mode = COALESCE($4, account_mode), last_success_at = $5, updated_at = now() WHERE id = $1`,
    [id, fills.cursor, fills.historyStart, accountMode, at],
  );
}
