import { useCallback, useMemo, useState, type ReactNode } from 'react';
import type { RendererApi } from '../../../../electron/preload/types.js';
import { EmptyState, ErrorNotice, Loading } from '../../components/async-view.js';
import { formatCount } from '../../format/number-format.js';
import { hrefOf } from '../../routing/routes.js';
import { useAccounts, useDataVersion, useStatus } from '../../state/live-data.js';
import { useSyncActivity } from '../../state/live-activity.js';
import { useQuery } from '../../state/use-query.js';
import { useStoredFlag } from '../../state/use-stored-flag.js';
import { AllocationChart } from './allocation-chart.js';
import { PortfolioSummary } from './portfolio-summary.js';
import { PortfolioTable } from './portfolio-table.js';
import { SyncProgressView } from '../sync/sync-progress-view.js';
import { DEFAULT_SORT, filterDust, nextSort, sortItems, type SortColumn } from './portfolio-model.js';

const loadPortfolio = (api: RendererApi) => api.invoke('portfolio:get');

/** #/portfolio: what the user holds, what it is worth and how it is doing. */
export function PortfolioScreen() {
  const version = useDataVersion();
  const portfolio = useQuery(`portfolio:${version}`, loadPortfolio);
  const [sort, setSort] = useState(DEFAULT_SORT);
  const [hideDust, setHideDust] = useStoredFlag('alphapulse.hideDust', false);
  const onSort = useCallback((c: SortColumn) => setSort((s) => nextSort(s, c)), []);

  const items = portfolio.data?.items;
  const shown = useMemo(() => (items ? filterDust(items, hideDust) : []), [items, hideDust]);
  const sorted = useMemo(() => sortItems(shown, sort), [shown, sort]);

  // Two missed scheduled syncs make the data stale; without a schedule there is no expectation.
  const status = useStatus().data;
  const scheduler = status?.scheduler;
  const { activity } = useSyncActivity();
  const staleAfter = scheduler?.enabled ? scheduler.intervalMinutes * 2 * 60 : undefined;

  const data = portfolio.data;
  if (!data) {
    return (
      <ScreenFrame>
        {portfolio.error ? <ErrorNotice error={portfolio.error} onRetry={portfolio.reload} /> : <Loading label="Loading the portfolio…" />}
      </ScreenFrame>
    );
  }
  // Nothing stored yet and a sync under way: that sync's progress, not "0.00 USDT, no holdings".
  if (data.asOf === null && data.items.length === 0 && (status?.syncing === true || activity.phase === 'running')) {
    return (
      <ScreenFrame>
        <div className="first-sync" data-testid="first-sync">
          <p>The first sync is importing your balances and up to two years of trades; the portfolio appears when it is done.</p>
          <SyncProgressView activity={activity.phase === 'idle' ? { ...activity, phase: 'running' } : activity} />
        </div>
      </ScreenFrame>
    );
  }
  const hidden = data.items.length - shown.length;
  const first = data.items[0];
  const manyAccounts = first !== undefined && data.items.some((i) => i.account !== first.account || i.exchangeId !== first.exchangeId);
  return (
    <ScreenFrame>
      {portfolio.error && <ErrorNotice title="Could not refresh; showing the last loaded figures" error={portfolio.error} onRetry={portfolio.reload} />}
      {(data.asOf !== null || data.items.length > 0) && <PortfolioSummary portfolio={data} staleAfter={staleAfter} />}
      {data.items.length === 0 ? (
        <NoHoldings />
      ) : (
        <div className="portfolio-grid">
          <section className="card table-card" aria-labelledby="holdings-title">
            <div className="card-head">
              <h2 id="holdings-title" className="card-title">Holdings</h2>
              <label className="toggle">
                <input type="checkbox" checked={hideDust} onChange={(e) => setHideDust(e.target.checked)} data-testid="hide-dust" />
                Hide dust (under 1 {data.quote})
              </label>
              {hideDust && hidden > 0 && <span className="muted small">{formatCount(hidden)} hidden</span>}
            </div>
            <PortfolioTable items={sorted} sort={sort} onSort={onSort} quote={data.quote} showAccount={manyAccounts} />
            {data.items.some((i) => i.avgEntryPartial) && (
              <p className="footnote">
                * Partial average entry: the holding is larger than the trades explain (deposits, transfers, or trades older than the exchange keeps), so the
                average covers only the traded part.
              </p>
            )}
          </section>
          <AllocationChart items={data.items} quote={data.quote} />
        </div>
      )}
    </ScreenFrame>
  );
}

function ScreenFrame({ children }: { children: ReactNode }) {
  return (
    <section className="screen" aria-labelledby="portfolio-title">
      <h1 id="portfolio-title" className="screen-title">Portfolio</h1>
      {children}
    </section>
  );
}

function NoHoldings() {
  const { data: accounts } = useAccounts();
  const { activity, runSync } = useSyncActivity();
  if (accounts && accounts.accounts.length === 0) {
    return (
      <EmptyState title="No exchange account yet">
        <p>Add a read-only API key and AlphaPulse Sync imports your balances and trades.</p>
        <a className="button primary" href={hrefOf('onboarding')}>Add an account</a>
      </EmptyState>
    );
  }
  return (
    <EmptyState title="No holdings yet">
      <p>Nothing has been synced, or the accounts hold nothing.</p>
      <button type="button" className="button primary" onClick={() => runSync()} disabled={activity.phase === 'running'}>
        {activity.phase === 'running' ? 'Syncing…' : 'Sync now'}
      </button>
    </EmptyState>
  );
}
