/** Which column a table is sorted by, and which way. */
export interface TableSort<C extends string> {
  column: C;
  direction: 'asc' | 'desc';
}

/**
 * A sortable column header: a button (keyboard reachable, with a visible focus ring) and
 * the state in aria-sort, so assistive technology hears "sorted descending".
 */
export function SortHeader<C extends string>({ id, label, numeric, sort, onSort, hint }: {
  id: C; label: string; numeric: boolean; sort: TableSort<C>; onSort: (column: C) => void; hint?: string | undefined;
}) {
  const active = sort.column === id;
  return (
    <th scope="col" className={numeric ? 'num' : undefined} aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="sort-button" onClick={() => onSort(id)} title={hint} data-testid={`sort-${id}`}>
        <span className="sort-label">{label}</span>
        <span className="sort-arrow" aria-hidden="true">{active ? (sort.direction === 'asc' ? '▲' : '▼') : ''}</span>
      </button>
    </th>
  );
}
