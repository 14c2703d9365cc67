import { memo, useRef } from 'react';
import type { PortfolioItem } from '../../../../shared/domain.js';
import { Signed } from '../../components/signed.js';
import { SortHeader } from '../../components/sort-header.js';
import { useRowWindow } from '../../components/use-row-window.js';
import { formatAmount, formatPercent, formatPrice, formatQuantity, UNKNOWN } from '../../format/number-format.js';
import { walletBreakdown, type SortColumn, type SortState } from './portfolio-model.js';

const COLUMNS: ReadonlyArray<{ id: SortColumn; label: string; numeric: boolean; hint?: string }> = [
  { id: 'asset', label: 'Asset', numeric: false },
  { id: 'account', label: 'Account', numeric: false },
  { id: 'quantity', label: 'Quantity', numeric: true, hint: 'Hover or focus a quantity for its wallets' },
  { id: 'price', label: 'Price', numeric: true },
  { id: 'change24h', label: '24 h', numeric: true },
  { id: 'value', label: 'Value', numeric: true },
  { id: 'allocation', label: 'Allocation', numeric: true },
  { id: 'avgEntry', label: 'Avg. entry', numeric: true },
  { id: 'pnl', label: 'Unrealised P&L', numeric: true },
  { id: 'pnlPct', label: 'P&L %', numeric: true },
];

interface Props {
  items: readonly PortfolioItem[];
  sort: SortState;
  onSort: (column: SortColumn) => void;
  quote: string;
  /** With a single account the column says nothing; leaving it out keeps the table narrow. */
  showAccount: boolean;
}

/** Every row is this tall (styles.css fixes it), which is what lets long tables render only the rows in view. */
const ROW_HEIGHT = 36;

/**
 * The holdings table. Headers are buttons (keyboard sortable, state in aria-sort); rows
 * are memoised with plain-text cells, and a long table renders only the rows in view
 * (aria-rowcount/rowindex tell assistive technology the whole size).
 */
export const PortfolioTable = memo(function PortfolioTable({ items, sort, onSort, quote, showAccount }: Props) {
  const columns = showAccount ? COLUMNS : COLUMNS.filter((c) => c.id !== 'account');
  const wrap = useRef<HTMLDivElement>(null);
  const win = useRowWindow(wrap, items.length, ROW_HEIGHT);
  return (
    <div className="table-wrap" ref={wrap}>
      <table className="data-table fixed-rows" data-testid="portfolio-table" aria-rowcount={items.length + 1}>
        <caption className="visually-hidden">Holdings, values in {quote}; column headers sort the table</caption>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((c) => <SortHeader key={c.id} id={c.id} label={c.label} numeric={c.numeric} sort={sort} onSort={onSort} hint={c.hint} />)}
          </tr>
        </thead>
        <tbody>
          {win.before > 0 && <tr className="spacer" aria-hidden="true" style={{ height: win.before }} />}
          {items.slice(win.start, win.end).map((item, i) => (
            <PortfolioRow key={`${item.exchangeId}/${item.account}/${item.asset}`} item={item} showAccount={showAccount} rowIndex={win.start + i + 2} />
          ))}
          {win.after > 0 && <tr className="spacer" aria-hidden="true" style={{ height: win.after }} />}
        </tbody>
      </table>
    </div>
  );
});

const Unpriced = () => <span className="unpriced" title="No price for this asset: it is not counted in the total">unpriced</span>;

const PortfolioRow = memo(function PortfolioRow({ item, showAccount, rowIndex }: { item: PortfolioItem; showAccount: boolean; rowIndex: number }) {
  const quantity = formatQuantity(item.quantity);
  const wallets = walletBreakdown(item, (q) => formatQuantity(q));
  const priced = item.currentPrice !== null;
  return (
    <tr data-testid={`portfolio-row-${item.asset}`} data-account={`${item.exchangeId}/${item.account}`} aria-rowindex={rowIndex}>
      <th scope="row" className="asset">{item.asset}</th>
      {showAccount && <td className="muted">{item.exchangeId}/{item.account}</td>}
      <td className="num">
        <span className="tip" tabIndex={0} data-tip={wallets} aria-label={`${quantity}; ${wallets}`}>
          {quantity}
        </span>
      </td>
      <td className="num">{priced ? formatPrice(item.currentPrice) : <Unpriced />}</td>
      <td className="num">{item.change24hPct === null ? UNKNOWN : <Signed value={item.change24hPct} text={formatPercent(item.change24hPct, undefined, { signed: true })} />}</td>
      <td className="num strong">{item.value === null ? <Unpriced /> : formatAmount(item.value)}</td>
      <td className="num">{formatPercent(item.allocationPct)}</td>
      <td className="num">
        {formatPrice(item.avgEntryPrice)}
        {/* Every cell keeps the mark's slot so the figures stay aligned. */}
        <span className="partial-slot">
          {item.avgEntryPartial && item.avgEntryPrice !== null && (
            <span className="partial-mark" title="Partial: the holding is larger than the trades explain (deposits, transfers or older history)">
              <span aria-hidden="true">*</span>
              <span className="visually-hidden"> (partial)</span>
            </span>
          )}
        </span>
      </td>
      <td className="num">{item.profitLoss === null ? UNKNOWN : <Signed value={item.profitLoss} text={formatAmount(item.profitLoss, undefined, true)} />}</td>
      <td className="num">{item.profitLossPercentage === null ? UNKNOWN : <Signed value={item.profitLossPercentage} text={formatPercent(item.profitLossPercentage, undefined, { signed: true })} />}</td>
    </tr>
  );
});
