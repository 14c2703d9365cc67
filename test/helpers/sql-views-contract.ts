// The SQL views' columns, names and types in order: a contract with everyone who queries
// them. A migration may add a column at the end; renaming, retyping or dropping one breaks
// people's saved queries, and the tests that read this list fail.
type Columns = ReadonlyArray<readonly [name: string, type: string]>;

const TS = 'timestamp with time zone';

export const VIEW_COLUMNS: Readonly<Record<string, Columns>> = {
  v_cash_flows: [['occurred_at', TS], ['exchange_id', 'text'], ['account', 'text'], ['kind', 'text'], ['asset', 'text'], ['amount', 'numeric'],
    ['fee', 'numeric'], ['wallet', 'text'], ['symbol', 'text'], ['status', 'text'], ['tx_id', 'text'], ['source', 'text'], ['source_id', 'text']],
  v_fees_monthly: [['month', 'date'], ['exchange_id', 'text'], ['account', 'text'], ['category', 'text'], ['asset', 'text'], ['fills', 'integer'],
    ['fees_usdt', 'numeric'], ['fees_unknown', 'integer'], ['fees_partial', 'boolean']],
  v_holdings: [['exchange_id', 'text'], ['account', 'text'], ['asset', 'text'], ['quantity', 'numeric'], ['price', 'numeric'], ['value', 'numeric'],
    ['avg_entry_price', 'numeric'], ['avg_entry_partial', 'boolean'], ['unrealised_pnl', 'numeric'], ['unrealised_pnl_pct', 'numeric'], ['realised_pnl', 'numeric'],
    ['realised_partial', 'boolean'], ['fees_usdt', 'numeric'], ['fees_partial', 'boolean'], ['change_24h_pct', 'numeric'], ['wallets', 'jsonb'], ['updated_at', TS]],
  v_net_value_daily: [['day', 'date'], ['exchange_id', 'text'], ['account', 'text'], ['taken_at', TS], ['value', 'numeric'], ['wallet_value', 'numeric'],
    ['unrealised_pnl', 'numeric'], ['source', 'text'], ['estimated', 'boolean'], ['cost_basis', 'numeric'], ['unrealised_spot_pnl', 'numeric'], ['cost_partial', 'boolean']],
  v_realised_pnl: [['executed_at', TS], ['exchange_id', 'text'], ['account', 'text'], ['symbol', 'text'], ['base', 'text'], ['quote', 'text'], ['side', 'text'],
    ['price', 'numeric'], ['quantity', 'numeric'], ['fee', 'numeric'], ['fee_currency', 'text'], ['fee_usdt', 'numeric'], ['realised_pnl', 'numeric'],
    ['booked', 'boolean'], ['fill_id', 'text'], ['kind', 'text']],
  v_trades: [['executed_at', TS], ['exchange_id', 'text'], ['account', 'text'], ['category', 'text'], ['symbol', 'text'], ['base', 'text'], ['quote', 'text'],
    ['side', 'text'], ['price', 'numeric'], ['quantity', 'numeric'], ['fee', 'numeric'], ['fee_currency', 'text'], ['fee_usdt', 'numeric'], ['realised_pnl', 'numeric'],
    ['order_id', 'text'], ['fill_id', 'text']],
};

/** Each public view's columns as [name, type] in order, read from the catalog. */
export const VIEW_COLUMNS_SQL = `
  SELECT c.relname AS view, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  WHERE n.nspname = 'public' AND c.relkind = 'v' ORDER BY c.relname, a.attnum`;

/** Groups VIEW_COLUMNS_SQL rows like VIEW_COLUMNS. */
export function groupColumns(rows: ReadonlyArray<{ view: string; name: string; type: string }>): Record<string, Array<[string, string]>> {
  const out: Record<string, Array<[string, string]>> = {};
  for (const r of rows) (out[r.view] ??= []).push([r.name, r.type]);
  return out;
}
