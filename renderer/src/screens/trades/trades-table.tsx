import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef } from 'react';
import type { TradeRow, TradeSort } from '../../../../shared/trades.js';
import { Signed } from '../../components/signed.js';
import { SortHeader } from '../../components/sort-header.js';
import { formatAmount, formatPrice, formatQuantity, UNKNOWN } from '../../format/number-format.js';
import { formatDateTime } from '../../format/time-format.js';
import { pnlHint, rowAt, type TradesSortState } from './trades-model.js';

/** Every row is this tall (trades.css fixes it): what lets the virtualiser place 100,000 rows without measuring them. */
const ROW_HEIGHT = 36;

interface Props {
  total: number;
  pages: ReadonlyMap<number, readonly TradeRow[]>;
  sort: TradesSortState;
  onSort: (column: TradeSort) => void;
  /** Asks for the pages rows `start`..`end` (exclusive) live on. */
  ensure: (start: number, end: number) => void;
  showAccount: boolean;
  /** Changes when the list starts over, which scrolls back to the top. */
  resetKey: string;
}

const col = createColumnHelper<TradeRow>();

function pnlCell(r: TradeRow) {
  if (r.realisedPnl !== null) return <Signed value={r.realisedPnl} text={formatAmount(r.realisedPnl, undefined, true)} />;
  const hint = pnlHint(r);
  return <span className="tip" data-tip={hint} title={hint}>{UNKNOWN}<span className="visually-hidden"> ({hint})</span></span>;
}

// Column definitions for TanStack Table: the header label, whether the figures align right, the cell.
const COLUMNS = [
  col.accessor('time', { id: 'time', header: 'Time', meta: { numeric: false }, cell: (c) => formatDateTime(c.getValue()) }),
  col.accessor((r) => `${r.exchangeId}/${r.account}`, { id: 'account', header: 'Account', meta: { numeric: false } }),
  col.accessor('symbol', { id: 'pair', header: 'Pair', meta: { numeric: false }, cell: (c) => <strong>{c.row.original.base}/{c.row.original.quote}</strong> }),
  col.accessor('category', { id: 'category', header: 'Category', meta: { numeric: false } }),
  col.accessor('side', { id: 'side', header: 'Side', meta: { numeric: false }, cell: (c) => <span className={`side ${c.getValue() === 'buy' ? 'side-long' : 'side-short'}`}>{c.getValue()}</span> }),
  col.accessor('price', { id: 'price', header: 'Price', meta: { numeric: true }, cell: (c) => formatPrice(c.getValue()) }),
  col.accessor('quantity', { id: 'quantity', header: 'Quantity', meta: { numeric: true }, cell: (c) => formatQuantity(c.getValue()) }),
  col.accessor('feeUsdt', { id: 'fee', header: 'Fee (USDT)', meta: { numeric: true }, cell: (c) => (c.getValue() === null ? UNKNOWN : formatAmount(c.getValue())) }),
  col.accessor('realisedPnl', { id: 'pnl', header: 'Realised P&L', meta: { numeric: true }, cell: (c) => pnlCell(c.row.original) }),
];

const isNumeric = (meta: unknown) => typeof meta === 'object' && meta !== null && (meta as { numeric?: boolean }).numeric === true;

/**
 * The trades table: TanStack Table holds the columns and renders the cells, TanStack
 * Virtual keeps only the rows in view in the document (100,000 fills scroll like 50).
 * Sorting is the server's (manual); headers are buttons with aria-sort; the scroll area
 * takes the keyboard focus so arrows and Page Down move through it.
 */
export const TradesTable = memo(function TradesTable({ total, pages, sort, onSort, ensure, showAccount, resetKey }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: total, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtual.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.length ? items[items.length - 1]!.index + 1 : 0;

  useEffect(() => ensure(first, last), [ensure, first, last, pages]);
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [resetKey]);

  // Only the rows in view go through the table model.
  const visible = useMemo(() => {
    const out: TradeRow[] = [];
    for (let i = first; i < last; i += 1) {
      const r = rowAt(pages, i);
      if (r) out.push(r);
    }
    return out;
  }, [pages, first, last]);
  const table = useReactTable({
    data: visible,
    columns: COLUMNS,
    getRowId: (r) => r.id,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    state: { columnVisibility: { account: showAccount }, sorting: [{ id: sort.column, desc: sort.direction === 'desc' }] },
  });
  const byId = new Map(table.getRowModel().rows.map((r) => [r.id, r]));
  const columnCount = table.getVisibleLeafColumns().length;
  const before = items[0]?.start ?? 0;
  const after = items.length ? virtual.getTotalSize() - items[items.length - 1]!.end : 0;

  return (
    <div className="table-wrap trades-scroll" ref={scroller} tabIndex={0} role="region" aria-label={`Trades, ${total} rows; use the arrow keys to scroll`} data-testid="trades-scroll">
      <table className="data-table fixed-rows trades-table" data-testid="trades-table" aria-rowcount={total + 1}>
        <caption className="visually-hidden">Trades, newest first unless sorted otherwise; column headers sort the list</caption>
        <thead>
          {table.getHeaderGroups().map((g) => (
            <tr key={g.id} aria-rowindex={1}>
              {g.headers.map((h) => (
                <SortHeader key={h.id} id={h.column.id as TradeSort} label={String(h.column.columnDef.header)} numeric={isNumeric(h.column.columnDef.meta)} sort={sort} onSort={onSort} />
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {before > 0 && <tr className="spacer" aria-hidden="true" style={{ height: before }} />}
          {items.map((v) => {
            const data = rowAt(pages, v.index);
            const row = data ? byId.get(data.id) : undefined;
            if (!data || !row) {
              return <tr key={`p${v.index}`} aria-rowindex={v.index + 2} className="trades-pending"><td colSpan={columnCount} className="muted">Loading…</td></tr>;
            }
            return (
              <tr key={row.id} aria-rowindex={v.index + 2} title={`Fill ${data.fillId}`} data-testid="trade-row" data-fill-id={data.fillId}>
                {row.getVisibleCells().map((c) => (
                  <td key={c.id} className={isNumeric(c.column.columnDef.meta) ? 'num' : c.column.id === 'account' || c.column.id === 'category' ? 'muted' : undefined}>
                    {flexRender(c.column.columnDef.cell, c.getContext())}
                  </td>
                ))}
              </tr>
            );
          })}
          {after > 0 && <tr className="spacer" aria-hidden="true" style={{ height: after }} />}
        </tbody>
      </table>
    </div>
  );
});
