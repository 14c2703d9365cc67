import { useCallback, useMemo, useState, type ReactNode } from 'react';
import type { RendererApi } from '../../../../electron/preload/types.js';
import { EmptyState, ErrorNotice, Loading } from '../../components/async-view.js';
import { formatCount, formatPrice } from '../../format/number-format.js';
import { hrefOf } from '../../routing/routes.js';
import { useAccounts, useDataVersion, useSettings, useStatus } from '../../state/live-data.js';
import { useSyncActivity } from '../../state/live-activity.js';
import { useQuery } from '../../state/use-query.js';
import { useStoredFlag } from '../../state/use-stored-flag.js';
import { AllocationChart } from './allocation-chart.js';
import { PortfolioSummary } from './portfolio-summary.js';
import { PortfolioTable } from './portfolio-table.js';
import { SyncProgressView } from '../sync/sync-progress-view.js';
import { DEFAULT_SORT, filterDust, isDust, nextSort, type SortColumn } from './portfolio-model.js';
import { buildRows, matchesQuery, type GroupBy } from './portfolio-groups.js';
import { PortfolioToolbar } from './portfolio-toolbar.js';
import { WalletValues } from './wallet-values.js';
import { useDisplayCurrency } from '../../state/display-currency.js';
import { convertPortfolio, describeRate, type ConvertedPortfolio } from '../../../../shared/format/display-currency.js';
import type { PortfolioItem } from '../../../../shared/domain.js';
import { partialCostNote, type DepositPolicy } from '../../../../shared/format/partial-cost.js';
import { formatDateTime } from '../../format/time-format.js';

const loadPortfolio = (api: RendererApi) => api.invoke('portfolio:get');

/** #/portfolio: what the user holds, what it is worth and how it is doing. */
export function PortfolioScreen() {
  const version = useDataVersion();
  const portfolio = useQuery(`portfolio:${version}`, loadPortfolio);
  const [sort, setSort] = useState(DEFAULT_SORT);
  const [hideDust, setHideDust] = useStoredFlag('alphapulse.hideDust', false);
  const [query, setQuery] = useState('');
  const [groupBy, setGroupBy] = useState<GroupBy>('none');
  const display = useDisplayCurrency();
  const onSort = useCallback((c: SortColumn) => setSort((s) => nextSort(s, c)), []);

  // Stored figures are USDT; the screen shows them in the chosen currency at the exchange's rate.
  const converted = useMemo(() => (portfolio.data ? convertPortfolio(portfolio.data, display.currency) : null), [portfolio.data, display.currency]);
  const items = converted?.portfolio.items;
  const shown = useMemo(() => (items ? filterDust(items, hideDust).filter((i) => matchesQuery(i, query)) : []), [items, hideDust, query]);
  const rows = useMemo(() => buildRows(shown, groupBy, sort), [shown, groupBy, sort]);

  // Two missed scheduled syncs make the data stale; without a schedule there is no expectation.
  const status = useStatus().data;
  const scheduler = status?.scheduler;
  const { activity } = useSyncActivity();
  const staleAfter = scheduler?.enabled ? scheduler.intervalMinutes * 2 * 60 : undefined;

  if (!converted) {
    return (
      <ScreenFrame>
        {portfolio.error ? <ErrorNotice error={portfolio.error} onRetry={portfolio.reload} /> : <Loading label="Loading the portfolio…" />}
      </ScreenFrame>
    );
  }
  const data = converted.portfolio;
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
  const dust = hideDust ? data.items.filter((i) => isDust(i)).length : 0;
  const first = data.items[0];
  const manyAccounts = first !== undefined && data.items.some((i) => i.account !== first.account || i.exchangeId !== first.exchangeId);
  return (
    <ScreenFrame>
      {portfolio.error && <ErrorNotice title="Could not refresh; showing the last loaded figures" error={portfolio.error} onRetry={portfolio.reload} />}
      {(data.asOf !== null || data.items.length > 0) && <PortfolioSummary portfolio={data} staleAfter={staleAfter} />}
      <CurrencyNote converted={converted} />
      {display.error && <ErrorNotice title="Could not change the currency" error={display.error} />}
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
              {dust > 0 && <span className="muted small">{formatCount(dust)} hidden</span>}
            </div>
            <PortfolioToolbar query={query} onQuery={setQuery} groupBy={groupBy} onGroupBy={setGroupBy}
              currency={display.currency} onCurrency={display.setCurrency} currencyBusy={display.busy} />
            <p className="visually-hidden" role="status" data-testid="holdings-count">
              {query.trim() ? `${formatCount(shown.length)} of ${formatCount(data.items.length)} holdings match` : ''}
            </p>
            {shown.length === 0 ? (
              <p className="muted empty-filter" data-testid="no-match">
                {query.trim() ? `No holding matches “${query.trim()}”${dust > 0 ? ' among those shown (dust is hidden)' : ''}.` : 'Every holding is dust: untick “Hide dust” to see them.'}
              </p>
            ) : (
              <PortfolioTable rows={rows} sort={sort} onSort={onSort} quote={data.quote} showAccount={manyAccounts || groupBy === 'account'} />
            )}
            <Footnotes items={data.items} policy={data.trading?.depositCostBasis ?? null} />
          </section>
          <div className="portfolio-side">
            <AllocationChart items={data.items} quote={data.quote} />
            <WalletValues portfolio={data} />
          </div>
        </div>
      )}
    </ScreenFrame>
  );
}

/** What converted the figures, or why they are still in USDT. */
function CurrencyNote({ converted }: { converted: ConvertedPortfolio }) {
  if (converted.missingRate) {
    return (
      <p className="notice notice-warn" role="status" data-testid="currency-note">
        No {converted.missingRate} rate is known yet (the exchange lists no pair for it, or no sync has stored one): figures are shown in USDT.
      </p>
    );
  }
  if (!converted.rate) return null;
  return (
    <p className="muted small currency-note" data-testid="currency-note">
      In {converted.portfolio.quote} at the exchange&apos;s own price: {describeRate(converted.portfolio.quote, converted.rate, (v) => formatPrice(v))}, as of {formatDateTime(converted.rate.at)}. Stored figures stay in USDT.
    </p>
  );
}

function Footnotes({ items, policy }: { items: readonly PortfolioItem[]; policy: DepositPolicy }) {
  const settings = useSettings().data;
  const cost = items.some((i) => i.avgEntryPartial);
  const known = items.some((i) => i.realisedPnlPartial || i.feesPartial);
  if (!cost && !known) return null;
  return (
    <div className="footnote">
      {cost && <p data-testid="partial-cost-note">* {partialCostNote(policy ?? settings?.depositCostBasis ?? null, 'window')}</p>}
      {known && <p>† Known part only: some trade or fee could not be valued in USDT (no price at the time, or more was sold than the history explains).</p>}
    </div>
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
