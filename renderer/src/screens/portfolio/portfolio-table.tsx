import { memo, useRef } from 'react';
import type { PortfolioItem } from '../../../../shared/domain.js';
import { PARTIAL_COST_SHORT } from '../../../../shared/format/partial-cost.js';
import { sortWallets, walletName } from '../../../../shared/format/wallet-names.js';
import { Signed } from '../../components/signed.js';
import { SortHeader } from '../../components/sort-header.js';
import { useRowWindow } from '../../components/use-row-window.js';
import { formatAmount, formatCount, formatPercent, formatPrice, formatQuantity, UNKNOWN } from '../../format/number-format.js';
import type { HoldingRow, Subtotal, TableRow } from './portfolio-groups.js';
import { walletBreakdown, type SortColumn, type SortState } from './portfolio-model.js';

type Column = { id: SortColumn; label: string; numeric: boolean; hint?: string };
const COLUMNS: readonly Column[] = [
  { id: 'asset', label: 'Asset', numeric: false },
  { id: 'account', label: 'Account', numeric: false },
  { id: 'wallets', label: 'Wallets', numeric: false, hint: 'Where the holding sits: Unified trading, Funding, Earn…' },
  { id: 'quantity', label: 'Quantity', numeric: true, hint: 'Hover or focus a quantity for its wallets' },
  { id: 'price', label: 'Price', numeric: true },
  { id: 'change24h', label: '24 h', numeric: true },
  { id: 'value', label: 'Value', numeric: true },
  { id: 'allocation', label: 'Allocation', numeric: true },
  { id: 'avgEntry', label: 'Avg. entry', numeric: true },
  { id: 'invested', label: 'Invested', numeric: true, hint: 'Cost of the holding: average entry × quantity' },
  { id: 'pnl', label: 'Unrealised P&L', numeric: true },
  { id: 'pnlPct', label: 'P&L %', numeric: true },
  { id: 'realised', label: 'Realised P&L', numeric: true, hint: 'Realised by selling this asset, fees included' },
  { id: 'fees', label: 'Fees', numeric: true, hint: 'Fees of this asset\'s trades' },
];

interface Props {
  rows: readonly TableRow[];
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
 * (aria-rowcount/rowindex tell assistive technology the whole size). Account groups are
 * header rows carrying their subtotals, the same height as a holding.
 */
export const PortfolioTable = memo(function PortfolioTable({ rows, sort, onSort, quote, showAccount }: Props) {
  const columns = showAccount ? COLUMNS : COLUMNS.filter((c) => c.id !== 'account');
  const wrap = useRef<HTMLDivElement>(null);
  const win = useRowWindow(wrap, rows.length, ROW_HEIGHT);
  return (
    <div className="table-wrap" ref={wrap}>
      <table className="data-table fixed-rows" data-testid="portfolio-table" aria-rowcount={rows.length + 1}>
        <caption className="visually-hidden">Holdings, values in {quote}; column headers sort the table</caption>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((c) => <SortHeader key={c.id} id={c.id} label={c.label} numeric={c.numeric} sort={sort} onSort={onSort} hint={c.hint} />)}
          </tr>
        </thead>
        <tbody>
          {win.before > 0 && <tr className="spacer" aria-hidden="true" style={{ height: win.before }} />}
          {rows.slice(win.start, win.end).map((r, i) => (r.kind === 'group'
            ? <GroupRow key={r.key} label={r.label} count={r.count} subtotal={r.subtotal} showAccount={showAccount} rowIndex={win.start + i + 2} />
            : <PortfolioRow key={r.row.key} row={r.row} showAccount={showAccount} rowIndex={win.start + i + 2} />))}
          {win.after > 0 && <tr className="spacer" aria-hidden="true" style={{ height: win.after }} />}
        </tbody>
      </table>
    </div>
  );
});

const Unpriced = () => <span className="unpriced" title="No price for this asset: it is not counted in the total">unpriced</span>;

/** A mark that keeps its slot in every cell, so the figures stay aligned whether or not it shows. */
function Mark({ show, symbol, title, label }: { show: boolean; symbol: string; title: string; label: string }) {
  return (
    <span className="partial-slot">
      {show && (
        <span className="partial-mark" title={title}>
          <span aria-hidden="true">{symbol}</span>
          <span className="visually-hidden"> ({label})</span>
        </span>
      )}
    </span>
  );
}

export const PARTIAL_COST = PARTIAL_COST_SHORT;
export const PARTIAL_KNOWN = 'Known part only: some trade or fee could not be valued in USDT';

const money = (v: string | null, signed = false) => (v === null ? UNKNOWN : signed ? <Signed value={v} text={formatAmount(v, undefined, true)} /> : formatAmount(v));

const PortfolioRow = memo(function PortfolioRow({ row, showAccount, rowIndex }: { row: HoldingRow; showAccount: boolean; rowIndex: number }) {
  const { item } = row;
  const quantity = formatQuantity(item.quantity);
  const wallets = walletBreakdown(item, (q) => formatQuantity(q));
  const priced = item.currentPrice !== null;
  const costPartial = item.avgEntryPartial && item.avgEntryPrice !== null;
  return (
    <tr data-testid={`portfolio-row-${item.asset}`} data-account={row.accountText} aria-rowindex={rowIndex}>
      <th scope="row" className="asset">{item.asset}</th>
      {showAccount && <td className="muted">{row.accountText}</td>}
      <td className="muted wallets-cell" title={wallets}>{walletNames(item)}</td>
      <td className="num">
        <span className="tip" tabIndex={0} data-tip={wallets} aria-label={`${quantity}; ${wallets}`}>
          {quantity}
        </span>
      </td>
      <td className="num">{priced ? formatPrice(item.currentPrice) : <Unpriced />}</td>
      <td className="num">{item.change24hPct === null ? UNKNOWN : <Signed value={item.change24hPct} text={formatPercent(item.change24hPct, undefined, { signed: true })} />}</td>
      <td className="num strong">{item.value === null ? <Unpriced /> : formatAmount(item.value)}</td>
      <td className="num">{formatPercent(item.allocationPct)}</td>
      <td className="num">{formatPrice(item.avgEntryPrice)}<Mark show={costPartial} symbol="*" title={PARTIAL_COST} label="partial" /></td>
      <td className="num">{money(row.invested)}<Mark show={costPartial} symbol="*" title={PARTIAL_COST} label="partial" /></td>
      <td className="num">{money(item.profitLoss, true)}</td>
      <td className="num">{item.profitLossPercentage === null ? UNKNOWN : <Signed value={item.profitLossPercentage} text={formatPercent(item.profitLossPercentage, undefined, { signed: true })} />}</td>
      <td className="num">{money(item.realisedPnl, true)}<Mark show={item.realisedPnlPartial && item.realisedPnl !== null} symbol="†" title={PARTIAL_KNOWN} label="known part only" /></td>
      <td className="num">{money(item.feesPaid)}<Mark show={item.feesPartial && item.feesPaid !== null} symbol="†" title={PARTIAL_KNOWN} label="known part only" /></td>
    </tr>
  );
});

function walletNames(item: PortfolioItem): string {
  const names = sortWallets(Object.keys(item.wallets)).map(walletName);
  return names.length === 0 ? UNKNOWN : names.join(', ');
}

/** An account's header row: its name and how many holdings, with the subtotals in their columns. */
function GroupRow({ label, count, subtotal: s, showAccount, rowIndex }: { label: string; count: number; subtotal: Subtotal; showAccount: boolean; rowIndex: number }) {
  return (
    <tr className="group-row" data-testid={`group-row-${label}`} aria-rowindex={rowIndex}>
      <th scope="rowgroup" colSpan={showAccount ? 3 : 2} className="asset">
        {label} <span className="muted small">{formatCount(count)} {count === 1 ? 'holding' : 'holdings'} · subtotal</span>
      </th>
      <td className="num" />
      <td className="num" />
      <td className="num" />
      <td className="num strong" data-testid="group-value">{money(s.value)}</td>
      <td className="num">{formatPercent(s.allocationPct)}</td>
      <td className="num" />
      <td className="num">{money(s.invested)}<Mark show={s.investedPartial && s.invested !== null} symbol="*" title={PARTIAL_COST} label="partial" /></td>
      <td className="num">{money(s.profitLoss, true)}</td>
      <td className="num" />
      <td className="num">{money(s.realisedPnl, true)}<Mark show={s.realisedPartial && s.realisedPnl !== null} symbol="†" title={PARTIAL_KNOWN} label="known part only" /></td>
      <td className="num">{money(s.feesPaid)}<Mark show={s.feesPartial && s.feesPaid !== null} symbol="†" title={PARTIAL_KNOWN} label="known part only" /></td>
    </tr>
  );
}
