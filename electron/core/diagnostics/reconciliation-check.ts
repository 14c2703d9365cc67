import type { AccountConfig } from '../config/app-config.js';
import type { Database } from '../db/connection.js';
import { currentSchemaVersion } from '../db/migrate.js';
import { readLastSuccess } from '../db/repositories/read-repo.js';
import { readAccountReconciliation, type UnexplainedAsset } from '../db/repositories/reconciliation-repo.js';
import { dec } from '../portfolio/decimal.js';
import { exchangeName } from '../exchange/create-client.js';
import { flowRulesFor } from '../exchange/flow-rules.js';
import { DATABASE_CHECK_TIMEOUT_MS, readableDatabaseError } from './database-check.js';
import { asAppError, fail, humanDate, pass, skip, warn, type CheckDefinition, type CheckOutcome } from './check-types.js';

/** What the reconciliation check reads: the database (or why it is missing). */
export interface ReconciliationDeps {
  database: Database | Error | Promise<Database | Error>;
}

const FIRST_SYNC = 'Run `alphapulse-sync sync` (or sync from the app) to import the portfolio.';

/**
 * Whether every asset's balance is explained by the imported records (trades,
 * deposits, withdrawals, transfers, converts, derivative settlement), from what the
 * last sync stored: which asset is off, by how much, and the likeliest reason.
 */
export function reconciliationCheck(account: AccountConfig, deps: ReconciliationDeps): CheckDefinition {
  const label = `${account.exchangeId}/${account.id}`;
  return { id: 'reconciliation', account: label, title: 'Balances explained by the history', timeoutMs: DATABASE_CHECK_TIMEOUT_MS, run: () => checkReconciliation(account, deps) };
}

async function checkReconciliation(account: AccountConfig, deps: ReconciliationDeps): Promise<CheckOutcome> {
  const db = await deps.database;
  if (db instanceof Error) return skip('Not checked: the database is not available (see the database check)', {}, asAppError(db).recommendation);
  let rows: UnexplainedAsset[];
  let synced: boolean;
  try {
    if ((await currentSchemaVersion(db.pool)) === 0) return skip('Not synced yet: the first sync sets up the database', {}, FIRST_SYNC);
    const [r, successes] = await Promise.all([readAccountReconciliation(db.pool, account.exchangeId, account.id), readLastSuccess(db.pool)]);
    rows = r;
    synced = successes.some((s) => s.exchangeId === account.exchangeId && s.account === account.id && s.at !== null);
  } catch (e) {
    const err = readableDatabaseError(e, db.target);
    return fail(`The reconciliation could not be read: ${err.message}`, err.recommendation, { errorClass: err.errorClass });
  }
  if (!synced) return skip('Not synced yet: no successful sync has run for this account', {}, FIRST_SYNC);
  if (rows.length === 0) return skip('Not reconciled yet: the next sync compares the balances with the history', {}, FIRST_SYNC);
  const off = rows.filter((r) => !dec(r.unexplained).isZero());
  const start = rows[0]?.historyStart ?? null;
  const data = {
    historyStart: start?.toISOString() ?? null, assets: rows.length,
    unexplained: off.map((r) => ({ asset: r.asset, quantity: dec(r.unexplained).toString(), balance: dec(r.balance).toString(), explained: dec(r.explained).toString(), likelyCause: r.likelyCause })),
  };
  if (off.length === 0) return pass(`Every asset's balance is explained by the imported history (${rows.length} assets${start ? `, since ${humanDate(start)}` : ''})`, data);
  const detail = off.map((r) => `${r.asset} off by ${signed(r.unexplained)} (held ${dec(r.balance).toString()}, the history explains ${dec(r.explained).toString()}): likely ${r.likelyCause ?? 'unknown'}`).join('; ');
  return warn(`${off.length === 1 ? 'One asset is' : `${off.length} assets are`} not explained by the imported history: ${detail}`, advice(off, account.exchangeId), data);
}

function signed(q: string): string {
  const d = dec(q);
  return d.isPositive() ? `+${d.toString()}` : d.toString();
}

/** What to do, from the causes named (the most actionable first), in the exchange's terms. */
function advice(off: readonly UnexplainedAsset[], exchangeId: string): string {
  const name = exchangeName(exchangeId);
  const causes = off.map((r) => r.likelyCause ?? '');
  if (causes.some((c) => c.includes('Wallet permission'))) return `Edit the API key on ${name} and tick Wallet (read) so deposits and withdrawals are imported, then sync again.`;
  if (causes.some((c) => c.includes('Earn permission'))) return `Edit the API key on ${name} and tick Earn so Earn positions are read, then sync again.`;
  if (causes.some((c) => c.includes('sub-account'))) return 'Transfers between sub-accounts move coins the history of this key cannot place; sync the sub-account with its own key to see both sides.';
  return `The history ${name} keeps reaches back ${flowRulesFor(exchangeId).historyReach}: coins bought or deposited earlier, Earn yields and airdrops have no record. The figures stay correct; average entry prices of those coins are partial.`;
}
