-- Your data, for SQL: one view per question a trader asks first. Their columns are a
-- contract (test/integration/sql-views.test.ts lists them): a later migration may add a
-- column at the end with CREATE OR REPLACE VIEW, never rename, retype or drop one.
-- Every view leaves removed accounts out, like every screen. Money is USDT unless a
-- column says otherwise; NULL means unknown, never zero.

CREATE OR REPLACE VIEW v_holdings AS
SELECT pi.exchange_id::text AS exchange_id, pi.account::text AS account, pi.asset::text AS asset, pi.quantity, pi.current_price AS price, pi.value,
       pi.avg_entry_price, pi.avg_entry_partial, pi.profit_loss AS unrealised_pnl, pi.profit_loss_percentage AS unrealised_pnl_pct,
       pi.realised_pnl, pi.realised_partial, pi.fees_usdt, pi.fees_partial, pi.change_24h_pct, pi.wallets, pi.updated_at
FROM portfolio_items pi
-- The portfolio screen's rule: rows of an account marked removed are hidden; rows the
-- old module wrote for an account this app never saw are shown.
WHERE NOT EXISTS (SELECT 1 FROM accounts ra WHERE ra.exchange_id = pi.exchange_id AND ra.account = pi.account AND ra.removed_at IS NOT NULL);

COMMENT ON VIEW v_holdings IS 'What each active account holds now, one row per account and asset, as of its last successful sync (spot balances of every wallet, Earn included; open derivative positions are in the positions table). Realised P&L and fees cover the asset''s whole trade history.';
COMMENT ON COLUMN v_holdings.exchange_id IS 'Exchange id, such as bybit.';
COMMENT ON COLUMN v_holdings.account IS 'Account id within the exchange, such as default.';
COMMENT ON COLUMN v_holdings.asset IS 'Coin, such as BTC.';
COMMENT ON COLUMN v_holdings.quantity IS 'Quantity held, every wallet together.';
COMMENT ON COLUMN v_holdings.price IS 'Latest USDT price of one unit; NULL when no market prices it.';
COMMENT ON COLUMN v_holdings.value IS 'quantity × price in USDT; NULL when unpriced.';
COMMENT ON COLUMN v_holdings.avg_entry_price IS 'Average entry price in USDT (average-cost method, fees included); NULL when no trade explains the holding.';
COMMENT ON COLUMN v_holdings.avg_entry_partial IS 'True when the average covers only part of the holding (deposits, transfers or history older than the exchange keeps).';
COMMENT ON COLUMN v_holdings.unrealised_pnl IS 'quantity × (price − avg_entry_price) in USDT; NULL when either is unknown.';
COMMENT ON COLUMN v_holdings.unrealised_pnl_pct IS '(price / avg_entry_price − 1) × 100; NULL when either is unknown.';
COMMENT ON COLUMN v_holdings.realised_pnl IS 'Realised P&L in USDT of every disposal of this asset (sells, cross-pair quote legs, fees paid in it), the known part; NULL when it was never traded or is cash.';
COMMENT ON COLUMN v_holdings.realised_partial IS 'True when some disposal''s realised P&L could not be valued (realised_pnl is then the known part).';
COMMENT ON COLUMN v_holdings.fees_usdt IS 'Fees in USDT of the trades of this asset, at each fill''s time (cash coins at par), the known part; NULL when it was never traded or is cash.';
COMMENT ON COLUMN v_holdings.fees_partial IS 'True when some fee could not be valued (fees_usdt is then the known part).';
COMMENT ON COLUMN v_holdings.change_24h_pct IS 'Price change over the last 24 hours, in percent; NULL when unknown.';
COMMENT ON COLUMN v_holdings.wallets IS 'Quantity per wallet type as JSON, such as {"UNIFIED": "0.4", "FUND": "0.1"} (decimal strings).';
COMMENT ON COLUMN v_holdings.updated_at IS 'When the sync that wrote this row finished.';

CREATE OR REPLACE VIEW v_net_value_daily AS
WITH days AS (
  -- Each active account's last point of each UTC day.
  SELECT DISTINCT ON (s.account_id, (s.taken_at AT TIME ZONE 'UTC')::date)
         s.account_id, (s.taken_at AT TIME ZONE 'UTC')::date AS day, s.taken_at, s.total_value,
         COALESCE(s.wallet_value, s.total_value) AS wallet_value, s.unrealised_pnl, s.source, s.estimated
  FROM snapshots s JOIN accounts a ON a.id = s.account_id
  WHERE a.removed_at IS NULL
  ORDER BY s.account_id, (s.taken_at AT TIME ZONE 'UTC')::date, s.taken_at DESC, s.id DESC
)
SELECT d.day, a.exchange_id, a.account, d.taken_at, d.total_value AS value, d.wallet_value, d.unrealised_pnl, d.source, d.estimated
FROM days d JOIN accounts a ON a.id = d.account_id
UNION ALL
-- The total of a day: every active account's latest point up to the end of that day (an
-- account without a point that day counts with its last earlier one), as the chart adds them.
SELECT t.day, NULL, NULL, v.taken_at, v.value, v.wallet_value, v.unrealised_pnl,
       CASE WHEN v.backfill THEN 'backfill' ELSE 'sync' END, v.estimated
FROM (SELECT DISTINCT day FROM days) t CROSS JOIN LATERAL (
  SELECT max(l.taken_at) AS taken_at, sum(l.total_value) AS value, sum(COALESCE(l.wallet_value, l.total_value)) AS wallet_value,
         sum(l.unrealised_pnl) AS unrealised_pnl, bool_or(l.source = 'backfill') AS backfill, bool_or(l.estimated) AS estimated
  FROM accounts acc CROSS JOIN LATERAL (
    SELECT s.taken_at, s.total_value, s.wallet_value, s.unrealised_pnl, s.source, s.estimated FROM snapshots s
    WHERE s.account_id = acc.id AND s.taken_at < ((t.day + 1)::timestamp AT TIME ZONE 'UTC')
    ORDER BY s.taken_at DESC, s.id DESC LIMIT 1
  ) l
  WHERE acc.removed_at IS NULL
) v;

COMMENT ON VIEW v_net_value_daily IS 'Net value per UTC day: one row per active account and day it has a point (its last point of that day), and one total row per such day (exchange_id and account NULL).';
COMMENT ON COLUMN v_net_value_daily.day IS 'The UTC calendar day.';
COMMENT ON COLUMN v_net_value_daily.exchange_id IS 'Exchange id; NULL on the total row.';
COMMENT ON COLUMN v_net_value_daily.account IS 'Account id within the exchange; NULL on the total row.';
COMMENT ON COLUMN v_net_value_daily.taken_at IS 'Time of the point used (the day''s last); on the total row, the latest of its parts.';
COMMENT ON COLUMN v_net_value_daily.value IS 'Net value in USDT: wallet_value + unrealised_pnl.';
COMMENT ON COLUMN v_net_value_daily.wallet_value IS 'Priced wallet balances in USDT, Earn included.';
COMMENT ON COLUMN v_net_value_daily.unrealised_pnl IS 'Unrealised P&L of open derivative positions in USDT (0 for reconstructed days and for points from before positions were counted).';
COMMENT ON COLUMN v_net_value_daily.source IS 'sync: measured by a sync; backfill: reconstructed from the trade history and daily closes. A total is backfill when any part is.';
COMMENT ON COLUMN v_net_value_daily.estimated IS 'True when the history could not explain a balance that day, so the value is a floor, not a measurement; on the total row, when any part is.';

CREATE OR REPLACE VIEW v_realised_pnl AS
SELECT f.executed_at, a.exchange_id, a.account, f.symbol, f.base, f.quote, f.side, f.price, f.quantity, f.fee, f.fee_currency,
       f.fee_usdt, f.realised_pnl, f.booked, f.fill_id
FROM fills f JOIN accounts a ON a.id = f.account_id
WHERE a.removed_at IS NULL AND f.category = 'spot';

COMMENT ON VIEW v_realised_pnl IS 'Realised P&L and fee of every spot fill (average-cost method), as booked by the sync. Derivatives'' realised P&L is the exchange''s own, in the closed_pnl table.';
COMMENT ON COLUMN v_realised_pnl.executed_at IS 'When the fill executed.';
COMMENT ON COLUMN v_realised_pnl.exchange_id IS 'Exchange id, such as bybit.';
COMMENT ON COLUMN v_realised_pnl.account IS 'Account id within the exchange.';
COMMENT ON COLUMN v_realised_pnl.symbol IS 'Market symbol, such as BTCUSDT.';
COMMENT ON COLUMN v_realised_pnl.base IS 'Base coin (bought or sold).';
COMMENT ON COLUMN v_realised_pnl.quote IS 'Quote coin (paid or received).';
COMMENT ON COLUMN v_realised_pnl.side IS 'buy or sell (of the base).';
COMMENT ON COLUMN v_realised_pnl.price IS 'Price in the quote coin.';
COMMENT ON COLUMN v_realised_pnl.quantity IS 'Quantity of the base coin.';
COMMENT ON COLUMN v_realised_pnl.fee IS 'Fee as the exchange charged it, in fee_currency; NULL when not reported.';
COMMENT ON COLUMN v_realised_pnl.fee_currency IS 'Coin the fee was charged in.';
COMMENT ON COLUMN v_realised_pnl.fee_usdt IS 'The fee in USDT at the fill''s time (cash coins at par); NULL when it could not be valued or the fill is not booked yet.';
COMMENT ON COLUMN v_realised_pnl.realised_pnl IS 'USDT realised by this fill: the base sold, a non-cash quote given up (cross pairs) and a fee paid in a held coin, each at proceeds − average cost; 0 for a plain buy; NULL when unknown or not booked yet.';
COMMENT ON COLUMN v_realised_pnl.booked IS 'False for a fill not yet worked out (the next sync books it); its figures are then NULL.';
COMMENT ON COLUMN v_realised_pnl.fill_id IS 'The exchange''s execution id (unique per account).';

CREATE OR REPLACE VIEW v_fees_monthly AS
SELECT date_trunc('month', f.executed_at AT TIME ZONE 'UTC')::date AS month, a.exchange_id, a.account, f.category, f.base AS asset,
       count(*)::int AS fills, sum(x.fee_usdt) AS fees_usdt, count(*) FILTER (WHERE x.fee_usdt IS NULL)::int AS fees_unknown,
       bool_or(x.fee_usdt IS NULL) AS fees_partial
FROM fills f JOIN accounts a ON a.id = f.account_id
CROSS JOIN LATERAL (
  -- Spot fills carry their booked fee; a derivative fee charged in a cash coin counts at
  -- par (the same cash list as the cost basis), one in another coin is unknown in USDT.
  SELECT CASE WHEN f.category = 'spot' OR f.fee_usdt IS NOT NULL THEN f.fee_usdt
              WHEN f.fee_currency IN ('USDT', 'USDC', 'USD', 'FDUSD', 'DAI') THEN f.fee END AS fee_usdt
) x
WHERE a.removed_at IS NULL
GROUP BY 1, a.exchange_id, a.account, f.category, f.base;

COMMENT ON VIEW v_fees_monthly IS 'Trading fees paid per account, UTC month, market category and traded asset (the base coin, whatever coin the fee was charged in).';
COMMENT ON COLUMN v_fees_monthly.month IS 'First day of the UTC month.';
COMMENT ON COLUMN v_fees_monthly.exchange_id IS 'Exchange id, such as bybit.';
COMMENT ON COLUMN v_fees_monthly.account IS 'Account id within the exchange.';
COMMENT ON COLUMN v_fees_monthly.category IS 'spot, linear or inverse.';
COMMENT ON COLUMN v_fees_monthly.asset IS 'The base coin of the fills (BTC for BTCUSDT, ETH for ETHBTC).';
COMMENT ON COLUMN v_fees_monthly.fills IS 'Number of fills.';
COMMENT ON COLUMN v_fees_monthly.fees_usdt IS 'Sum of the fees in USDT that are known (spot: valued at each fill''s time, cash at par; derivatives: fees in a cash coin at par); NULL when none is known.';
COMMENT ON COLUMN v_fees_monthly.fees_unknown IS 'Number of fills whose fee in USDT is unknown (not valued, not booked yet, or a derivative fee in a non-cash coin).';
COMMENT ON COLUMN v_fees_monthly.fees_partial IS 'True when fees_unknown > 0: fees_usdt is then the known part.';

CREATE OR REPLACE VIEW v_cash_flows AS
SELECT c.occurred_at, a.exchange_id, a.account, c.kind, leg.asset, leg.amount, leg.fee, leg.wallet, NULL::text AS symbol,
       c.status, c.tx_id, 'cash_flows'::text AS source, c.flow_id AS source_id
FROM cash_flows c JOIN accounts a ON a.id = c.account_id
CROSS JOIN LATERAL (
  -- One row per asset and wallet the record moved: a convert gives one coin for another,
  -- an internal transfer leaves one wallet and enters another (its legs sum to zero).
  SELECT c.asset AS asset,
         CASE c.kind WHEN 'deposit' THEN c.amount WHEN 'withdrawal' THEN -c.amount WHEN 'convert' THEN c.amount
                     WHEN 'internal-transfer' THEN c.amount END AS amount,
         CASE WHEN c.kind IN ('deposit', 'withdrawal') THEN c.fee END AS fee,
         CASE WHEN c.kind = 'internal-transfer' THEN c.to_wallet END AS wallet
  UNION ALL
  SELECT c.asset, -c.amount, NULL, c.from_wallet WHERE c.kind = 'internal-transfer'
  UNION ALL
  SELECT c.counter_asset, -c.counter_amount, NULL, NULL WHERE c.kind = 'convert' AND c.counter_asset IS NOT NULL
) leg
WHERE a.removed_at IS NULL
UNION ALL
SELECT t.transaction_time, a.exchange_id, a.account, 'funding', t.currency, t.funding, NULL, 'UNIFIED', t.symbol,
       NULL, NULL, 'transaction_log', t.log_id
FROM transaction_log t JOIN accounts a ON a.id = t.account_id
WHERE a.removed_at IS NULL AND t.funding IS NOT NULL AND t.funding <> 0
UNION ALL
SELECT t.transaction_time, a.exchange_id, a.account, 'trading-fee', t.currency, -t.fee, NULL, 'UNIFIED', t.symbol,
       NULL, NULL, 'transaction_log', t.log_id
FROM transaction_log t JOIN accounts a ON a.id = t.account_id
WHERE a.removed_at IS NULL AND t.fee IS NOT NULL AND t.fee <> 0;

COMMENT ON VIEW v_cash_flows IS 'Money in and out besides trades: deposits, withdrawals, transfers and converts (cash_flows), and funding and trading fees from the Unified account''s transaction log. One row per asset (and wallet) a record moved; amount is signed from the account''s side.';
COMMENT ON COLUMN v_cash_flows.occurred_at IS 'When it happened (a deposit: when it was credited; a withdrawal: when it was requested).';
COMMENT ON COLUMN v_cash_flows.exchange_id IS 'Exchange id, such as bybit.';
COMMENT ON COLUMN v_cash_flows.account IS 'Account id within the exchange.';
COMMENT ON COLUMN v_cash_flows.kind IS 'deposit, withdrawal, internal-transfer (between own wallets), universal-transfer (between main and sub accounts), convert, funding or trading-fee.';
COMMENT ON COLUMN v_cash_flows.asset IS 'Coin moved.';
COMMENT ON COLUMN v_cash_flows.amount IS 'Signed quantity of asset: positive into the account (or into wallet), negative out; fee not included. A convert has a positive row for the coin received and a negative one for the coin given; funding is positive when received; a trading fee is negative (positive for a rebate). NULL when the direction is not known: a universal transfer''s record does not say which side this account is (see cash_flows.raw, fromMemberId and toMemberId).';
COMMENT ON COLUMN v_cash_flows.fee IS 'Fee the exchange charged for a deposit or withdrawal, in asset, positive, on top of amount; NULL when not reported or not applicable.';
COMMENT ON COLUMN v_cash_flows.wallet IS 'Wallet the row''s amount moved out of or into: both sides of an internal transfer, UNIFIED for funding and fees; NULL when the record does not say.';
COMMENT ON COLUMN v_cash_flows.symbol IS 'Derivative or spot symbol of a funding or trading-fee row; NULL otherwise.';
COMMENT ON COLUMN v_cash_flows.status IS 'The exchange''s status as sent (Bybit: deposit 3 = credited, withdrawal success, transfer SUCCESS); NULL for transaction-log rows and converts. Filter on it to leave out pending or failed records.';
COMMENT ON COLUMN v_cash_flows.tx_id IS 'Blockchain transaction id of a deposit or withdrawal; NULL otherwise.';
COMMENT ON COLUMN v_cash_flows.source IS 'Table the row comes from: cash_flows or transaction_log.';
COMMENT ON COLUMN v_cash_flows.source_id IS 'The exchange''s id of the record: cash_flows.flow_id or transaction_log.log_id.';

CREATE OR REPLACE VIEW v_trades AS
SELECT f.executed_at, a.exchange_id, a.account, f.category, f.symbol, f.base, f.quote, f.side, f.price, f.quantity,
       f.fee, f.fee_currency, f.fee_usdt, f.realised_pnl, f.order_id, f.fill_id
FROM fills f JOIN accounts a ON a.id = f.account_id
WHERE a.removed_at IS NULL;

COMMENT ON VIEW v_trades IS 'Every own trade (fill) of the active accounts, spot and derivatives, oldest first when ordered by executed_at.';
COMMENT ON COLUMN v_trades.executed_at IS 'When the fill executed.';
COMMENT ON COLUMN v_trades.exchange_id IS 'Exchange id, such as bybit.';
COMMENT ON COLUMN v_trades.account IS 'Account id within the exchange.';
COMMENT ON COLUMN v_trades.category IS 'spot, linear (USDT/USDC-settled derivatives) or inverse (coin-settled).';
COMMENT ON COLUMN v_trades.symbol IS 'Market symbol, such as BTCUSDT.';
COMMENT ON COLUMN v_trades.base IS 'Base coin.';
COMMENT ON COLUMN v_trades.quote IS 'Quote coin.';
COMMENT ON COLUMN v_trades.side IS 'buy or sell.';
COMMENT ON COLUMN v_trades.price IS 'Price in the quote coin.';
COMMENT ON COLUMN v_trades.quantity IS 'Quantity: base coin for spot and linear, contracts (USD) for inverse.';
COMMENT ON COLUMN v_trades.fee IS 'Fee as charged, in fee_currency (negative: a rebate); NULL when not reported.';
COMMENT ON COLUMN v_trades.fee_currency IS 'Coin the fee was charged in (derivatives: the settle coin).';
COMMENT ON COLUMN v_trades.fee_usdt IS 'Spot: the fee in USDT at the fill''s time; NULL when unknown, not booked yet, or a derivative fill.';
COMMENT ON COLUMN v_trades.realised_pnl IS 'Spot: USDT realised by the fill (see v_realised_pnl); NULL when unknown, not booked yet, or a derivative fill (see the closed_pnl table).';
COMMENT ON COLUMN v_trades.order_id IS 'The exchange''s order id.';
COMMENT ON COLUMN v_trades.fill_id IS 'The exchange''s execution id (unique per account).';
