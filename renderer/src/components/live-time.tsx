import { useNow } from '../state/use-now.js';
import { formatAge, formatCountdown, formatDateTime, secondsSince, secondsUntil } from '../format/time-format.js';

/**
 * "3 minutes ago", kept current by the shared 1-second clock; only this text re-renders.
 * The exact time is in the tooltip and the <time> element. Past `staleAfter` seconds
 * the age turns to a warning: data that old means syncs are not happening.
 */
export function LiveAge({ iso, prefix = '', staleAfter }: { iso: string; prefix?: string; staleAfter?: number | undefined }) {
  const now = useNow();
  const seconds = secondsSince(iso, now);
  const stale = staleAfter !== undefined && seconds !== null && seconds > staleAfter;
  return (
    <time dateTime={iso} title={`${formatDateTime(iso)}${stale ? ' — older than expected: see Sync' : ''}`} className={stale ? 'warn-text' : undefined} data-stale={stale}>
      {prefix}
      {seconds === null ? '—' : formatAge(seconds)}
    </time>
  );
}

/** A live countdown to `iso` ("4:05"), `due` once it has passed. */
export function Countdown({ iso, due = 'due now' }: { iso: string; due?: string }) {
  const now = useNow();
  const seconds = secondsUntil(iso, now);
  if (seconds === null) return <>—</>;
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {seconds <= 0 ? due : formatCountdown(seconds)}
    </time>
  );
}
