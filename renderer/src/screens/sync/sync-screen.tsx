import { ErrorNotice, EmptyState, Loading } from '../../components/async-view.js';
import { hrefOf } from '../../routing/routes.js';
import { useSettings, useStatus } from '../../state/live-data.js';
import { useSyncActivity } from '../../state/live-activity.js';
import { AccountStatusCard } from './account-status-card.js';
import { SchedulerCard } from './scheduler-card.js';
import { SyncHistoryList } from './sync-history-list.js';
import { SyncProgressView } from './sync-progress-view.js';

/** #/sync: the schedule, "Sync now" with live progress, each account's health, the history. */
export function SyncScreen() {
  const status = useStatus();
  const { data: settings } = useSettings();
  const { activity, runSync } = useSyncActivity();
  const running = activity.phase === 'running';
  return (
    <section className="screen" aria-labelledby="sync-title">
      <h1 id="sync-title" className="screen-title">Sync</h1>
      {status.error && <ErrorNotice error={status.error} onRetry={status.reload} title="Could not read the sync status" />}
      {!status.data && !status.error && <Loading label="Loading the sync status…" />}
      {status.data && (
        <>
          <SchedulerCard status={status.data} settings={settings} running={running} onSyncNow={() => runSync(false)} />
          <SyncProgressView activity={activity} />
          <h2 className="section-title">Accounts</h2>
          {status.data.accounts.length === 0 ? (
            <EmptyState title="No accounts to sync">
              <p><a href={hrefOf('settings')}>Add an exchange account</a> to start.</p>
            </EmptyState>
          ) : (
            <div className="card-grid">
              {status.data.accounts.map((a) => (
                <AccountStatusCard key={`${a.exchangeId}/${a.account}`} account={a} busy={running || status.data?.syncing === true} onTryNow={() => runSync(true)} />
              ))}
            </div>
          )}
        </>
      )}
      <SyncHistoryList />
    </section>
  );
}
