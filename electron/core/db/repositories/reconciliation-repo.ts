import type { Pool, PoolClient } from 'pg';
import type { Reconciled } from '../../portfolio/reconcile.js';

type Db = Pool | PoolClient;

/** Replaces the account's reconciliation (in the caller's transaction). */
export async function writeReconciliation(db: PoolClient, accountId: number, rows: readonly Reconciled[], historyStart: Date | null, at: Date): Promise<void> {
  await db.query('DELETE FROM reconciliation WHERE account_id = $1', [accountId]);
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO reconciliation (account_id, asset, balance, explained, unexplained, likely_cause, history_start, reconciled_at)
     SELECT $1, * , $7::timestamptz, $8::timestamptz FROM unnest($2::text[], $3::numeric[], $4::numeric[], $5::numeric[], $6::text[])`,
    [accountId, rows.map((r) => r.asset), rows.map((r) => r.balance.toString()), rows.map((r) => r.explained.toString()),
      rows.map((r) => r.unexplained.toString()), rows.map((r) => r.likelyCause), historyStart, at]);
}

/** One asset of one active account that the stored records do not fully explain. */
export interface UnexplainedAsset {
  exchangeId: string;
  account: string;
  asset: string;
  balance: string;
  explained: string;
  unexplained: string;
  likelyCause: string | null;
  historyStart: Date | null;
}

/** Every asset off, of every active account (removed accounts left out). */
export async function readUnexplained(db: Db): Promise<UnexplainedAsset[]> {
  const { rows } = await db.query<{ exchange_id: string; account: string; asset: string; balance: string; explained: string; unexplained: string; likely_cause: string | null; history_start: Date | null }>(
    `SELECT a.exchange_id, a.account, r.asset, r.balance::text, r.explained::text, r.unexplained::text, r.likely_cause, r.history_start
     FROM reconciliation r JOIN accounts a ON a.id = r.account_id
     WHERE a.removed_at IS NULL AND r.unexplained <> 0 ORDER BY a.exchange_id, a.account, r.asset`);
  return rows.map((r) => ({
    exchangeId: r.exchange_id, account: r.account, asset: r.asset, balance: r.balance, explained: r.explained, unexplained: r.unexplained,
    likelyCause: r.likely_cause, historyStart: r.history_start,
  }));
}

/** Each active account's unexplained quantity per asset, keyed `exchange\u0000account\u0000asset`. */
export async function readUnexplainedQuantities(db: Db): Promise<Map<string, string>> {
  const { rows } = await db.query<{ exchange_id: string; account: string; asset: string; unexplained: string }>(
    `SELECT a.exchange_id, a.account, r.asset, r.unexplained::text FROM reconciliation r JOIN accounts a ON a.id = r.account_id WHERE a.removed_at IS NULL`);
  return new Map(rows.map((r) => [quantityKey(r.exchange_id, r.account, r.asset), r.unexplained]));
}

export const quantityKey = (exchangeId: string, account: string, asset: string) => `${exchangeId}\u0000${account}\u0000${asset}`;

/** One account's reconciliation, every asset (explained ones too); empty before its first reconciliation. */
export async function readAccountReconciliation(db: Db, exchangeId: string, account: string): Promise<UnexplainedAsset[]> {
  const { rows } = await db.query<{ asset: string; balance: string; explained: string; unexplained: string; likely_cause: string | null; history_start: Date | null }>(
    `SELECT r.asset, r.balance::text, r.explained::text, r.unexplained::text, r.likely_cause, r.history_start
     FROM reconciliation r JOIN accounts a ON a.id = r.account_id WHERE a.exchange_id = $1 AND a.account = $2 ORDER BY r.asset`, [exchangeId, account]);
  return rows.map((r) => ({
    exchangeId, account, asset: r.asset, balance: r.balance, explained: r.explained, unexplained: r.unexplained, likelyCause: r.likely_cause, historyStart: r.history_start,
  }));
}
