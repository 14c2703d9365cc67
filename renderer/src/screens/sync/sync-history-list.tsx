import type { RendererApi } from '../../../../electron/preload/types.js';
import type { SyncRunRecord } from '../../../../shared/domain.js';
import { EmptyState, ErrorNotice, Loading } from '../../components/async-view.js';
import { formatCount } from '../../format/number-format.js';
import { formatDateTime, formatElapsed } from '../../format/time-format.js';
import { errorClassLabel } from '../../state/api-error.js';
import { useDataVersion } from '../../state/live-data.js';
import { useQuery } from '../../state/use-query.js';
import { runDurationMs, triggerLabel } from './sync-model.js';
import { humanText } from '../../format/copy.js';
import { countOf } from '../../../../shared/format/plural.js';

const loadHistory = (api: RendererApi) => api.invoke('history:list', { limit: 50 });

/** The last 50 runs, newest first, reloaded when a sync finishes. */
export function SyncHistoryList() {
  const version = useDataVersion();
  const history = useQuery(`history:${version}`, loadHistory);
  return (
    <section className="card table-card" aria-labelledby="sync-history-title">
      <h2 id="sync-history-title" className="card-title">Sync history</h2>
      {history.error && <ErrorNotice error={history.error} onRetry={history.reload} title="Could not load the sync history" />}
      {!history.data && !history.error && <Loading label="Loading the sync history…" />}
      {history.data?.length === 0 && <EmptyState title="No syncs yet" />}
      {history.data && history.data.length > 0 && (
        <div className="table-wrap">
          <table className="data-table" data-testid="sync-history">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Account</th>
                <th scope="col">Trigger</th>
                <th scope="col">Result</th>
                <th scope="col" className="num">Took</th>
                <th scope="col" className="num">Assets</th>
                <th scope="col" className="num">New trades</th>
                <th scope="col" className="num">Requests</th>
              </tr>
            </thead>
            <tbody>
              {history.data.map((r) => <RunRow key={r.id} r={r} />)}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function RunRow({ r }: { r: SyncRunRecord }) {
  const ms = runDurationMs(r);
  return (
    <tr data-testid={`sync-run-${r.id}`} data-success={r.success}>
      <td>{formatDateTime(r.startTime)}</td>
      <td>{r.exchangeId}/{r.account}</td>
      <td>{triggerLabel(r.trigger)}</td>
      <td>
        {r.success ? <span className="ok-text">✓ OK</span> : (
          <span className="error-text run-error" title={r.error ? `${r.error.message}\n${r.error.recommendation}` : undefined}>
            ✕ {r.error ? `${errorClassLabel(r.error.errorClass)}: ${humanText(r.error.message)}` : 'Failed'}
          </span>
        )}
        {r.warnings.length > 0 && <span className="warn-text small" title={r.warnings.map(humanText).join('\n')}> ⚠ {countOf(r.warnings.length, 'warning')}</span>}
      </td>
      <td className="num">{ms === null ? 'running' : formatElapsed(ms)}</td>
      <td className="num">{formatCount(r.itemsSynced)}</td>
      <td className="num">{r.fillsImported === null ? '—' : formatCount(r.fillsImported)}</td>
      <td className="num">{r.requests === null ? '—' : formatCount(r.requests)}</td>
    </tr>
  );
}
