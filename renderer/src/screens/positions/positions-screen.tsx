import { useCallback, useMemo, useState } from 'react';
import type { RendererApi } from '../../../../electron/preload/types.js';
import type { Position } from '../../../../shared/domain.js';
import { EmptyState, ErrorNotice, Loading } from '../../components/async-view.js';
import { LiveAge } from '../../components/live-time.js';
import { Signed } from '../../components/signed.js';
import { formatAmount, formatPercent, formatPrice, formatQuantity, UNKNOWN } from '../../format/number-format.js';
import { countOf } from '../../../../shared/format/plural.js';
import { useDataVersion } from '../../state/live-data.js';
import { useQuery } from '../../state/use-query.js';
import { SortHeader } from '../../components/sort-header.js';
import { ExportButton } from '../../components/export-button.js';
import { DEFAULT_POSITION_SORT, formatLeverage, formatPnl, fundingBySettleCoin, nextPositionSort, notionalOf, pnlBySettleCoin, roeOf, sortPositions, type PositionColumn } from './positions-model.js';

const COLUMNS: ReadonlyArray<{ id: PositionColumn; label: string; numeric: boolean; hint?: string }> = [
  { id: 'symbol', label: 'Symbol', numeric: false },
  { id: 'account', label: 'Account', numeric: false },
  { id: 'side', label: 'Side', numeric: false },
  { id: 'size', label: 'Size', numeric: true },
  { id: 'entry', label: 'Entry', numeric: true },
  { id: 'mark', label: 'Mark', numeric: true },
  { id: 'notional', label: 'Notional', numeric: true, hint: 'Size at the mark price, in the settle coin' },
  { id: 'margin', label: 'Margin', numeric: true, hint: 'Initial margin, in the settle coin' },
  { id: 'pnl', label: 'Unrealised P&L', numeric: true },
  { id: 'roe', label: 'ROE', numeric: true, hint: 'Return on equity: unrealised P&L ÷ margin' },
  { id: 'funding', label: 'Funding', numeric: true, hint: 'Funding of this symbol over the imported history: + received, − paid' },
  { id: 'leverage', label: 'Leverage', numeric: true },
  { id: 'liquidation', label: 'Liq. price', numeric: true },
];

// Signed figures for P&L: a gain shows "+".
const signedPnl = { amount: (v: string) => formatAmount(v, undefined, true), quantity: (v: string) => formatQuantity(v, undefined, true) };
const plain = { amount: (v: string) => formatAmount(v), quantity: (v: string) => formatQuantity(v) };

const loadPositions = (api: RendererApi) => api.invoke('positions:list');

/** #/positions: open derivatives positions as of the last sync. */
export function PositionsScreen() {
  const version = useDataVersion();
  const positions = useQuery(`positions:${version}`, loadPositions);
  // One account or all: the table, its totals and the CSV follow the same filter.
  const [accountKey, setAccountKey] = useState('');
  const accounts = useMemo(() => [...new Set((positions.data ?? []).map((p) => `${p.exchangeId}:${p.account}`))].sort(), [positions.data]);
  const shown = useMemo(() => (positions.data ?? []).filter((p) => accountKey === '' || `${p.exchangeId}:${p.account}` === accountKey), [positions.data, accountKey]);
  const totals = useMemo(() => pnlBySettleCoin(shown), [shown]);
  const funding = useMemo(() => fundingBySettleCoin(shown), [shown]);
  const [sort, setSort] = useState(DEFAULT_POSITION_SORT);
  const onSort = useCallback((c: PositionColumn) => setSort((s) => nextPositionSort(s, c)), []);
  const sorted = useMemo(() => sortPositions(shown, sort), [shown, sort]);
  const newest = shown.reduce<string | null>((max, p) => (max === null || p.updatedAt > max ? p.updatedAt : max), null);
  const exportFilter = useMemo(() => ({ account: accountKey === '' ? null : accountKey }), [accountKey]);

  return (
    <section className="screen" aria-labelledby="positions-title">
      <h1 id="positions-title" className="screen-title">Positions</h1>
      {positions.error && <ErrorNotice error={positions.error} onRetry={positions.reload} title={positions.data ? 'Could not refresh; showing the last loaded positions' : 'Could not load the positions'} />}
      {!positions.data && !positions.error && <Loading label="Loading positions…" />}
      {positions.data && positions.data.length === 0 && (
        <EmptyState title="No open positions">
          <p>Open derivatives positions (perpetuals, futures, options) appear here after a sync.</p>
        </EmptyState>
      )}
      {positions.data && positions.data.length > 0 && (
        <>
          <div className="toolbar">
            {accounts.length > 1 && (
              <label className="field-inline">
                Account
                <select value={accountKey} onChange={(e) => setAccountKey(e.target.value)} data-testid="positions-account">
                  <option value="">All accounts</option>
                  {accounts.map((a) => <option key={a} value={a}>{a.replace(':', '/')}</option>)}
                </select>
              </label>
            )}
            <ExportButton kind="positions" filter={exportFilter} what={accountKey === '' ? 'open positions' : `open positions of ${accountKey.replace(':', '/')}`} />
          </div>
          <div className="summary">
            {totals.map((t) => (
              <div className="summary-item" key={t.coin}>
                <span className="summary-label">Unrealised P&amp;L ({t.coin})</span>
                <span className="summary-value"><Signed value={t.total} text={formatPnl(t.total, t.coin, signedPnl)} /></span>
                {t.unknown > 0 && <span className="summary-note">{countOf(t.unknown, 'position')} without a P&amp;L figure</span>}
              </div>
            ))}
            {funding.map((t) => (
              <div className="summary-item" key={`funding-${t.coin}`} data-testid={`funding-total-${t.coin}`}>
                <span className="summary-label">Funding ({t.coin})</span>
                <span className="summary-value"><Signed value={t.total} text={formatPnl(t.total, t.coin, signedPnl)} /></span>
                <span className="summary-note">Of these symbols over the imported history: + received, − paid</span>
              </div>
            ))}
            {newest && (
              <div className="summary-item">
                <span className="summary-label">Data</span>
                <span className="summary-value summary-age"><LiveAge iso={newest} prefix="updated " /></span>
              </div>
            )}
          </div>
          <div className="card table-card">
            <div className="table-wrap">
              <table className="data-table" data-testid="positions-table">
                <caption className="visually-hidden">Open derivatives positions; column headers sort the table</caption>
                <thead>
                  <tr>
                    {COLUMNS.map((c) => <SortHeader key={c.id} id={c.id} label={c.label} numeric={c.numeric} sort={sort} onSort={onSort} hint={c.hint} />)}
                  </tr>
                </thead>
                <tbody>
                  {sorted.map((p) => <PositionRow key={`${p.exchangeId}/${p.account}/${p.category}/${p.symbol}/${p.side}`} p={p} />)}
                </tbody>
              </table>
            </div>
          </div>
        </>
      )}
    </section>
  );
}

function PositionRow({ p }: { p: Position }) {
  const notional = notionalOf(p);
  const roe = roeOf(p);
  return (
    <tr data-testid={`position-row-${p.symbol}`}>
      <th scope="row" className="asset">
        {p.symbol} <span className="muted small">{p.category}</span>
      </th>
      <td className="muted">{p.exchangeId}/{p.account}</td>
      <td><span className={`side side-${p.side}`}>{p.side === 'long' ? 'Long' : 'Short'}</span></td>
      <td className="num">{formatQuantity(p.size)}</td>
      <td className="num">{formatPrice(p.entryPrice)}</td>
      <td className="num">{formatPrice(p.markPrice)}</td>
      <td className="num">{notional === null ? UNKNOWN : formatPnl(notional, p.settleCoin, plain)}</td>
      <td className="num">{p.margin === null ? UNKNOWN : formatPnl(p.margin, p.settleCoin, plain)}</td>
      <td className="num">
        {p.unrealisedPnl === null ? UNKNOWN : <Signed value={p.unrealisedPnl} text={formatPnl(p.unrealisedPnl, p.settleCoin, signedPnl)} />}
      </td>
      <td className="num">{roe === null ? UNKNOWN : <Signed value={roe} text={formatPercent(roe, undefined, { signed: true })} />}</td>
      <td className="num" data-testid="position-funding">{p.funding === null ? UNKNOWN : <Signed value={p.funding} text={formatPnl(p.funding, p.settleCoin, signedPnl)} />}</td>
      <td className="num">{formatLeverage(p.leverage, (v) => formatQuantity(v))}</td>
      <td className="num">{formatPrice(p.liquidationPrice)}</td>
    </tr>
  );
}
