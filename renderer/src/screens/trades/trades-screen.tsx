import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TradeSort } from '../../../../shared/trades.js';
import { EmptyState, ErrorNotice, Loading } from '../../components/async-view.js';
import { ExportButton } from '../../components/export-button.js';
import { accountName } from '../../components/status-summary.js';
import { formatCount } from '../../format/number-format.js';
import { useDataVersion, useStatus } from '../../state/live-data.js';
import { cleanSearch, dateRangeProblem, DEFAULT_SORT, EMPTY_FILTER, exportFilter, nextSort, queryKey, type TradesFilter } from './trades-model.js';
import { TradesTable } from './trades-table.js';
import { useTradePages } from './use-trade-pages.js';
import './trades.css';

/** "/" anywhere but in a text field jumps to the search box, as in many web apps. */
function useSlashFocus(target: React.RefObject<HTMLInputElement | null>) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      const el = e.target as HTMLElement | null;
      if (el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))) return;
      e.preventDefault();
      target.current?.focus();
      target.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [target]);
}

/** #/trades: every fill of every account, filtered, sorted and paged by the database. */
export function TradesScreen() {
  const [filter, setFilter] = useState<TradesFilter>(EMPTY_FILTER);
  const [sort, setSort] = useState(DEFAULT_SORT);
  const version = useDataVersion();
  const { data: status } = useStatus();
  const search = useRef<HTMLInputElement>(null);
  useSlashFocus(search);
  const dateProblem = dateRangeProblem(filter);
  // A backwards date range is said beside the inputs; the list keeps the last valid one.
  const [applied, setApplied] = useState(filter);
  useEffect(() => {
    if (!dateProblem) setApplied(filter);
  }, [filter, dateProblem]);
  const key = useMemo(() => queryKey(applied, sort), [applied, sort]);
  const list = useTradePages(applied, sort, key, version);
  const onSort = useCallback((c: TradeSort) => setSort((s) => nextSort(s, c)), []);
  const set = <K extends keyof TradesFilter>(k: K, v: TradesFilter[K]) => setFilter((f) => ({ ...f, [k]: v }));
  const accounts = status?.accounts ?? [];
  const filtered = applied.search !== '' || applied.account !== '' || applied.side !== '' || applied.category !== '' || applied.from !== '' || applied.to !== '';

  return (
    <section className="screen" aria-labelledby="trades-title">
      <h1 id="trades-title" className="screen-title">Trades</h1>
      <div className="toolbar trades-toolbar" role="search" aria-label="Filter the trades">
        <label className="field-inline trades-search">
          <span>Asset or pair</span>
          <input
            ref={search} type="search" value={filter.search} placeholder="BTC, ETH/USDT…  ( / )" aria-keyshortcuts="/" autoComplete="off" spellCheck={false}
            onChange={(e) => set('search', cleanSearch(e.target.value))} data-testid="trades-search"
          />
        </label>
        {accounts.length > 1 && (
          <label className="field-inline">
            Account
            <select value={filter.account} onChange={(e) => set('account', e.target.value)} data-testid="trades-account">
              <option value="">All accounts</option>
              {accounts.map((a) => <option key={`${a.exchangeId}/${a.account}`} value={`${a.exchangeId}/${a.account}`}>{accountName(a)}</option>)}
            </select>
          </label>
        )}
        <label className="field-inline">
          Side
          <select value={filter.side} onChange={(e) => set('side', e.target.value as TradesFilter['side'])} data-testid="trades-side">
            <option value="">Buys and sells</option>
            <option value="buy">Buys</option>
            <option value="sell">Sells</option>
          </select>
        </label>
        <label className="field-inline">
          Category
          <select value={filter.category} onChange={(e) => set('category', e.target.value as TradesFilter['category'])} data-testid="trades-category">
            <option value="">All</option>
            <option value="spot">Spot</option>
            <option value="linear">Linear (USDT/USDC)</option>
            <option value="inverse">Inverse</option>
          </select>
        </label>
        <label className="field-inline">
          From
          <input type="date" value={filter.from} onChange={(e) => set('from', e.target.value)} data-testid="trades-from" aria-invalid={dateProblem !== null} />
        </label>
        <label className="field-inline">
          To
          <input type="date" value={filter.to} onChange={(e) => set('to', e.target.value)} data-testid="trades-to" aria-invalid={dateProblem !== null} />
        </label>
        {filtered && <button type="button" className="button" onClick={() => setFilter(EMPTY_FILTER)}>Clear filters</button>}
        <ExportButton kind="trades" filter={exportFilter(applied)} what={filtered ? 'the trades shown' : 'every trade'} />
      </div>
      {dateProblem && <p className="error-text small" role="alert">{dateProblem}</p>}
      <p className="muted small trades-count" role="status" aria-live="polite" data-testid="trades-count">
        {list.total === null ? '' : `${formatCount(list.total)} ${list.total === 1 ? 'fill' : 'fills'}${filtered ? ' match' : ''}`}
        {list.loading && list.total !== null ? ' · updating…' : ''}
      </p>
      {list.error && <ErrorNotice error={list.error} onRetry={list.reload} title="Could not load the trades" />}
      {list.total === null && !list.error && <Loading label="Loading the trades…" />}
      {list.total === 0 && (
        <EmptyState title={filtered ? 'No fills match this filter' : 'No trades yet'}>
          <p>{filtered ? 'Try another asset, side or date range.' : 'Every spot and derivative fill appears here after a sync.'}</p>
        </EmptyState>
      )}
      {list.total !== null && list.total > 0 && (
        <div className="card table-card">
          <TradesTable total={list.total} pages={list.pages} sort={sort} onSort={onSort} ensure={list.ensure} showAccount={accounts.length > 1} resetKey={key} />
        </div>
      )}
      <p className="footnote">
        Hover a row for its fill id. Fees are in USDT at the fill's minute; realised P&amp;L is per spot fill (average cost, fees included). Press <kbd>/</kbd> to find an asset.
      </p>
    </section>
  );
}
