import type { AppStatus, SettingsView } from '../../../../shared/domain.js';
import { Countdown } from '../../components/live-time.js';
import { hrefOf } from '../../routing/routes.js';

/** The schedule at a glance: on or paused, how often, when next, and the "Sync now" button. */
export function SchedulerCard({ status, settings, running, onSyncNow }: { status: AppStatus; settings: SettingsView | null; running: boolean; onSyncNow: () => void }) {
  const s = status.scheduler;
  const envLocked = settings?.envOverrides.includes('EXCHANGE_SYNC_ENABLED') ?? false;
  const busy = running || status.syncing;
  // With every account paused, the next run would skip them all: the pause's own countdown (below) is the one that matters.
  const allPaused = status.accounts.length > 0 && status.accounts.every((a) => a.breaker.state === 'open');
  return (
    <section className="card scheduler" aria-labelledby="scheduler-title" data-testid="scheduler">
      <div className="card-head">
        <h2 id="scheduler-title" className="card-title">Schedule</h2>
        <button type="button" className="button primary" onClick={onSyncNow} disabled={busy} data-testid="sync-now">
          {busy ? 'Syncing…' : 'Sync now'}
        </button>
      </div>
      <dl className="facts">
        <div>
          <dt>Scheduled sync</dt>
          <dd data-testid="scheduler-state">
            {s.enabled ? `On, every ${s.intervalMinutes} min` : 'Paused'}
            {envLocked && <span className="muted small"> (set by environment variable EXCHANGE_SYNC_ENABLED)</span>}
          </dd>
        </div>
        <div>
          <dt>Next run</dt>
          <dd data-testid="scheduler-next-run">
            {busy ? 'running now' : allPaused ? 'waits for the paused account below' : s.enabled && s.nextRunAt ? <>in <Countdown iso={s.nextRunAt} due="any moment" /></> : '—'}
          </dd>
        </div>
      </dl>
      {!s.enabled && !envLocked && (
        <p className="muted small">
          Turn scheduled sync on in <a href={hrefOf('settings')}>Settings</a>; “Sync now” works either way.
        </p>
      )}
    </section>
  );
}
