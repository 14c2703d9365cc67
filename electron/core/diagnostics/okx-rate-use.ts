import type { Database } from '../db/connection.js';
import { currentSchemaVersion } from '../db/migrate.js';
import { readLastRateUse } from '../db/repositories/rate-use-repo.js';
import type { EndpointUse } from '../exchange/types.js';
import { readableDatabaseError } from './database-check.js';
import { asAppError, fail, humanDate, pass, skip, warn, type CheckOutcome } from './check-types.js';

const seconds = (ms: number) => `${ms / 1000} s`;
const used = (e: EndpointUse) => `${e.endpoint} ${e.peak} of ${e.limit} per ${seconds(e.windowMs)}`;

/**
 * OKX sends no header saying how much of a limit is left; it refuses with 50011 once one
 * is exceeded. So the headroom is measured on the sync itself: per endpoint, the most
 * requests the last successful sync started within one of OKX's documented windows,
 * against the documented limit (headroom = 1 − peak / limit), and how many of its
 * answers were 50011. A refusal although the sync keeps within the limits means
 * something else uses them: OKX counts private limits per account (user ID), public
 * ones per IP address.
 */
export async function checkOkxRateUse(exchangeName: string, ref: { exchangeId: string; account: string }, database: Database | Error | Promise<Database | Error>): Promise<CheckOutcome> {
  const db = await database;
  if (db instanceof Error) return skip('Not checked: the database is not available (see the database check)', {}, asAppError(db).recommendation);
  let last: Awaited<ReturnType<typeof readLastRateUse>>;
  try {
    last = (await currentSchemaVersion(db.pool)) === 0 ? null : await readLastRateUse(db.pool, ref.exchangeId, ref.account);
  } catch (e) {
    const err = readableDatabaseError(e, db.target);
    return fail(`The sync history could not be read: ${err.message}`, err.recommendation, { errorClass: err.errorClass });
  }
  if (last === null) {
    return skip(`Not measured yet: ${exchangeName} sends no rate-limit headers, so the headroom is measured on a sync, and none has recorded it`, { endpoints: [] },
      'Run `alphapulse-sync sync` (or sync from the app), then the diagnostics again.');
  }
  const endpoints = last.endpoints.map((e) => ({ ...e, headroomPct: Math.round((1 - e.peak / e.limit) * 100) }));
  const refused = endpoints.filter((e) => e.rateLimited > 0);
  const data = {
    measuredAt: last.at.toISOString(), endpoints,
    minHeadroomPct: endpoints.length ? Math.min(...endpoints.map((e) => e.headroomPct)) : null,
    rateLimited: refused.reduce((n, e) => n + e.rateLimited, 0),
  };
  if (refused.length) {
    return warn(`${exchangeName} refused ${data.rateLimited} of the last sync's requests (${humanDate(last.at)}) for its rate limit: ${refused.map((e) => `${e.endpoint} ×${e.rateLimited} (the sync sent at most ${e.peak} of ${e.limit} per ${seconds(e.windowMs)})`).join(', ')}`,
      `Something else uses this ${exchangeName} account's limits at the same time (a bot, another copy of AlphaPulse Sync): ${exchangeName} counts them per account, whatever the key, and per IP address for public data. The sync waits and tries again; syncing less often or moving the bot to a sub-account helps.`, data);
  }
  return pass(`Last sync (${humanDate(last.at)}), busiest: ${endpoints.slice(0, 3).map(used).join(', ')} (its own use against the documented limits; ${exchangeName} sends no remaining-count headers)`, data);
}
