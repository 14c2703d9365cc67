import { whenToDate } from '../../shared/when.js';
import { configError } from './errors.js';

const DAY_MS = 86_400_000;
const RANGE_MS: Record<string, number | null> = { '24h': DAY_MS, '7d': 7 * DAY_MS, '30d': 30 * DAY_MS, '1y': 365 * DAY_MS, all: null };

/**
 * A history range's time bounds [since, until): custom dates when either is given (a plain
 * `to` date includes that day), else the preset's span back from now ('all': unbounded).
 * A start that is not before the end is a configuration error, before any query.
 */
export function rangeBounds(range: string, from: string | null, to: string | null, now: Date): { since: Date | null; until: Date | null } {
  if (from !== null || to !== null) {
    const since = from === null ? null : whenToDate(from, 'from');
    const until = to === null ? null : whenToDate(to, 'to');
    if (since && until && since >= until) throw configError('The start date is not before the end date', 'Choose a "from" date earlier than the "to" date (a "to" date includes that whole day).');
    return { since, until };
  }
  const span = RANGE_MS[range] ?? null;
  return { since: span === null ? null : new Date(now.getTime() - span), until: null };
}
