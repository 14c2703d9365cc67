import type { AccountConfig } from '../config/app-config.js';
import type { Database } from '../db/connection.js';
import { currentSchemaVersion } from '../db/migrate.js';
import { readLastSuccess, readRecentRuns, runOutcome } from '../db/repositories/read-repo.js';
import { adviceFor } from '../error-advice.js';
import { breakerState, DEFAULT_BREAKER, type BreakerPolicy } from '../sync/breaker.js';
import { DATABASE_CHECK_TIMEOUT_MS, readableDatabaseError } from './database-check.js';
import { errorClassLabel } from '../../../shared/format/error-class.js';
import { asAppError, fail, humanDate, humanDuration, pass, skip, warn, type CheckDefinition, type CheckOutcome } from './check-types.js';

/** What the sync-state check reads: the database (or why it is missing), the schedule, the breaker policy. */
export interface SyncStateDeps {
  database: Database | Error | Promise<Database | Error>;
  sync: { enabled: boolean; intervalMinutes: number };
  now: () => Date;
  breaker?: BreakerPolicy;
}

const FIRST_SYNC = 'Run `alphapulse-sync sync` (or sync from the app) to import the portfolio.';

/** Data older than this many sync intervals (and at least two hours) is called stale. */
const STALE_INTERVALS = 3;

/** Last success, age of the data, last error and its class, the circuit breaker: from the database. */
export function syncStateCheck(account: AccountConfig, deps: SyncStateDeps): CheckDefinition {
  const label = `${account.exchangeId}/${account.id}`;
  // It waits for the database, which may be starting for the first time.
  return { id: 'sync-state', account: label, title: 'Sync state', timeoutMs: DATABASE_CHECK_TIMEOUT_MS, run: () => checkSyncState(account, deps) };
}

async function checkSyncState(account: AccountConfig, deps: SyncStateDeps): Promise<CheckOutcome> {
  const db = await deps.database;
  if (db instanceof Error) return skip('Not checked: the database is not available (see the database check)', {}, asAppError(db).recommendation);
  let runs: Awaited<ReturnType<typeof readRecentRuns>>;
  let successes: Awaited<ReturnType<typeof readLastSuccess>>;
  try {
    // Before the first sync the tables do not exist yet: a normal state, not a fault.
    if ((await currentSchemaVersion(db.pool)) === 0) return skip('Not synced yet: the first sync sets up the database', { lastSuccessAt: null, lastRun: null }, FIRST_SYNC);
    [runs, successes] = await Promise.all([readRecentRuns(db.pool, adviceFor), readLastSuccess(db.pool)]);
  } catch (e) {
    const err = readableDatabaseError(e, db.target);
    return fail(`The sync history could not be read: ${err.message}`, err.recommendation, { errorClass: err.errorClass });
  }
  const recent = runs.get(`${account.exchangeId}:${account.id}`) ?? [];
  const lastRun = recent[0] ?? null;
  const lastSuccess = successes.find((s) => s.exchangeId === account.exchangeId && s.account === account.id)?.at ?? null;
  const now = deps.now();
  const breaker = breakerState(recent.map(runOutcome), now, deps.breaker ?? DEFAULT_BREAKER);
  const ageMs = lastSuccess === null ? null : Math.max(0, now.getTime() - lastSuccess.getTime());
  const data = {
    lastSuccessAt: lastSuccess?.toISOString() ?? null, dataAgeSeconds: ageMs === null ? null : Math.round(ageMs / 1000),
    lastRun: lastRun === null ? null : { at: lastRun.startTime, success: lastRun.success, errorClass: lastRun.error?.errorClass ?? null, message: lastRun.error?.message ?? null },
    breaker,
  };
  if (lastRun === null) return skip('Not synced yet: no sync has run for this account', data, FIRST_SYNC);
  const age = ageMs === null ? 'no data stored yet' : `data ${humanDuration(ageMs)} old`;
  if (breaker.state === 'open') {
    const lastClass = breaker.lastErrorClass ? `, the last one ${errorClassLabel(breaker.lastErrorClass).toLowerCase()}` : '';
    return warn(`Syncing is paused after ${breaker.consecutiveFailures} failed syncs in a row${lastClass}; next try in ${humanDuration((breaker.cooldownRemainingSeconds ?? 0) * 1000)}; ${age}`,
      `Fix the cause named by the checks above, then sync with force (\`alphapulse-sync sync --force\`) to try at once. ${adviceFor(breaker.lastErrorClass ?? 'internal')}`, data);
  }
  if (!lastRun.success) {
    const ago = humanDuration(Math.max(0, now.getTime() - Date.parse(lastRun.startTime)));
    return warn(`The last sync, ${ago} ago, failed (${errorClassLabel(lastRun.error?.errorClass ?? 'internal').toLowerCase()}): ${lastRun.error?.message ?? 'unknown failure'}; ${age}`,
      `The checks above show whether the cause is still there. ${adviceFor(lastRun.error?.errorClass ?? 'internal')}`, data);
  }
  const staleMs = Math.max(STALE_INTERVALS * deps.sync.intervalMinutes * 60_000, 2 * 3_600_000);
  if (deps.sync.enabled && ageMs !== null && ageMs > staleMs) {
    return warn(`The last successful sync was ${humanDuration(ageMs)} ago, though the schedule is every ${deps.sync.intervalMinutes} min`,
      'Keep the desktop app or `alphapulse-sync serve` running for scheduled syncs, or run `alphapulse-sync sync`.', data);
  }
  return pass(lastSuccess ? `Last synced ${humanDuration(ageMs ?? 0)} ago (${humanDate(lastSuccess)})` : 'Never synced', data);
}
