import { useEffect, useRef } from 'react';
import type { DisplayCurrency } from '../../../../shared/domain.js';
import { CurrencySelect } from '../../components/currency-select.js';
import type { GroupBy } from './portfolio-groups.js';

const GROUPS: ReadonlyArray<{ id: GroupBy; label: string }> = [
  { id: 'none', label: 'Every holding' },
  { id: 'asset', label: 'Asset (sum of accounts)' },
  { id: 'account', label: 'Account, with subtotals' },
];

interface Props {
  query: string;
  onQuery: (q: string) => void;
  groupBy: GroupBy;
  onGroupBy: (g: GroupBy) => void;
  currency: DisplayCurrency;
  onCurrency: (c: DisplayCurrency) => void;
  /** While the new currency is being saved. */
  currencyBusy: boolean;
}

/**
 * Search, grouping and the display currency, above the holdings. "/" anywhere outside a
 * field puts the cursor in the search box; Escape in it clears it.
 */
export function PortfolioToolbar({ query, onQuery, groupBy, onGroupBy, currency, onCurrency, currencyBusy }: Props) {
  const search = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = target !== null && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
      if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        search.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="toolbar" role="search" aria-label="Holdings">
      <div className="field-inline">
        <label htmlFor="holdings-search">Find</label>
        <input id="holdings-search" ref={search} type="search" value={query} placeholder="Asset, account or wallet" title="Press / to come here; Escape clears" autoComplete="off" spellCheck={false}
          onChange={(e) => onQuery(e.target.value)} onKeyDown={(e) => { if (e.key === 'Escape' && query) { e.preventDefault(); onQuery(''); } }}
          data-testid="holdings-search" aria-keyshortcuts="/" />
      </div>
      <div className="field-inline">
        <label htmlFor="holdings-group">Group by</label>
        <select id="holdings-group" value={groupBy} onChange={(e) => onGroupBy(e.target.value as GroupBy)} data-testid="holdings-group">
          {GROUPS.map((g) => <option key={g.id} value={g.id}>{g.label}</option>)}
        </select>
      </div>
      <CurrencySelect id="display-currency" currency={currency} onCurrency={onCurrency} busy={currencyBusy} />
    </div>
  );
}
