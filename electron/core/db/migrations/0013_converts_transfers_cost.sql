-- Converts and universal transfers in the cost basis, and derivatives' realised P&L and
-- funding in USDT.
--
-- A convert is a trade: the coin given is disposed of at the convert's USDT value and the
-- coin received acquired at it. That value is exact when a side is a cash coin, otherwise
-- it needs a USDT price of the convert's minute, kept with the record like a deposit's
-- (usdt_rate: of `asset`, the coin received; counter_usdt_rate: of `counter_asset`, the
-- coin given) so a later sync books it exactly as the first did. A universal transfer in
-- enters like a deposit, at usdt_rate under the market policy. Each convert keeps what it
-- realised, booked like a spot fill's.
-- (IF NOT EXISTS: the file can run again over itself, as the views' test does.)
ALTER TABLE cash_flows
  ADD COLUMN IF NOT EXISTS counter_usdt_rate NUMERIC,
  ADD COLUMN IF NOT EXISTS realised_pnl      NUMERIC,
  ADD COLUMN IF NOT EXISTS booked            BOOLEAN NOT NULL DEFAULT FALSE,
  ADD COLUMN IF NOT EXISTS cost_policy       TEXT;

-- Closed P&L is in the settle coin: its USDT price at the record's minute ('1' for cash).
ALTER TABLE closed_pnl ADD COLUMN IF NOT EXISTS usdt_rate NUMERIC;
-- A funding row's USDT price of its currency at its minute ('1' for cash).
ALTER TABLE transaction_log ADD COLUMN IF NOT EXISTS usdt_rate NUMERIC;

-- Records stored before this migration. Cash coins are at par (the cost basis' cash list:
-- USDT, USDC, USD, FDUSD, DAI); a convert with a cash side needs no rate (its value is exact). Bybit's linear contracts settle in USDT or USDC; an OKX
-- contract named BASE-USDT-… or BASE-USDC-… settles in its quote.
UPDATE closed_pnl SET usdt_rate = 1
WHERE category = 'linear' OR (category IN ('swap', 'futures', 'margin') AND split_part(symbol, '-', 2) IN ('USDT', 'USDC'));
UPDATE transaction_log SET usdt_rate = 1
WHERE funding IS NOT NULL AND funding <> 0 AND currency IN ('USDT', 'USDC', 'USD', 'FDUSD', 'DAI');
UPDATE cash_flows SET usdt_rate = 1
WHERE kind = 'universal-transfer' AND usdt_rate IS NULL AND asset IN ('USDT', 'USDC', 'USD', 'FDUSD', 'DAI');

-- Where a stored record still lacks the price it needs (a universal transfer of a coin, a
-- convert between two coins, an inverse contract's closed P&L), its kind is read again
-- from the start on the next sync: a record seen again takes the rate it lacked.
DELETE FROM import_cursors ic
WHERE (ic.kind = 'universal-transfers' AND EXISTS (
         SELECT 1 FROM cash_flows c WHERE c.account_id = ic.account_id AND c.kind = 'universal-transfer' AND c.usdt_rate IS NULL))
   OR (ic.kind = 'converts' AND EXISTS (
         SELECT 1 FROM cash_flows c WHERE c.account_id = ic.account_id AND c.kind = 'convert' AND c.usdt_rate IS NULL AND c.counter_usdt_rate IS NULL
           AND c.asset NOT IN ('USDT', 'USDC', 'USD', 'FDUSD', 'DAI') AND c.counter_asset NOT IN ('USDT', 'USDC', 'USD', 'FDUSD', 'DAI')))
   OR (ic.kind = 'inverse-closed-pnl' AND EXISTS (
         SELECT 1 FROM closed_pnl p WHERE p.account_id = ic.account_id AND p.category = 'inverse' AND p.usdt_rate IS NULL));

-- v_realised_pnl gains the converts (a column `kind` at the end tells them from fills).
CREATE OR REPLACE VIEW v_realised_pnl AS
SELECT f.executed_at, a.exchange_id, a.account, f.symbol, f.base, f.quote, f.side, f.price, f.quantity, f.fee, f.fee_currency,
       f.fee_usdt, f.realised_pnl, f.booked, f.fill_id, 'fill'::text AS kind
FROM fills f JOIN accounts a ON a.id = f.account_id
WHERE a.removed_at IS NULL AND f.category = 'spot'
UNION ALL
-- A convert as a sale of the coin given (base) for the coin received (quote). It charges
-- no separate fee: its spread is in its rate.
SELECT c.occurred_at, a.exchange_id, a.account, NULL, c.counter_asset, c.asset, 'sell', c.amount / c.counter_amount, c.counter_amount, NULL, NULL,
       0, c.realised_pnl, c.booked, c.flow_id, 'convert'
FROM cash_flows c JOIN accounts a ON a.id = c.account_id
WHERE a.removed_at IS NULL AND c.kind = 'convert' AND c.counter_asset IS NOT NULL AND c.counter_amount > 0;

COMMENT ON VIEW v_realised_pnl IS 'Realised P&L and fee of every spot fill and every convert (average-cost method), as booked by the sync. Derivatives'' realised P&L is the exchange''s own, in the closed_pnl table.';
COMMENT ON COLUMN v_realised_pnl.executed_at IS 'When the fill executed or the convert was made.';
COMMENT ON COLUMN v_realised_pnl.symbol IS 'Market symbol, such as BTCUSDT; NULL for a convert.';
COMMENT ON COLUMN v_realised_pnl.base IS 'Base coin (bought or sold); for a convert, the coin given.';
COMMENT ON COLUMN v_realised_pnl.quote IS 'Quote coin (paid or received); for a convert, the coin received.';
COMMENT ON COLUMN v_realised_pnl.side IS 'buy or sell (of the base); sell for a convert.';
COMMENT ON COLUMN v_realised_pnl.price IS 'Price in the quote coin; for a convert, units received per unit given.';
COMMENT ON COLUMN v_realised_pnl.quantity IS 'Quantity of the base coin (for a convert, the amount given).';
COMMENT ON COLUMN v_realised_pnl.fee IS 'Fee as the exchange charged it, in fee_currency; NULL when not reported, and for a convert (no separate fee).';
COMMENT ON COLUMN v_realised_pnl.fee_usdt IS 'The fee in USDT at the fill''s time (cash coins at par); 0 for a convert; NULL when it could not be valued or the fill is not booked yet.';
COMMENT ON COLUMN v_realised_pnl.realised_pnl IS 'USDT realised: by a fill, the base sold, a non-cash quote given up (cross pairs) and a fee paid in a held coin, each at proceeds − average cost (0 for a plain buy); by a convert, its USDT value − the average cost of the coin given (0 when that coin is cash); NULL when unknown or not booked yet.';
COMMENT ON COLUMN v_realised_pnl.booked IS 'False for a fill or convert not yet worked out (the next sync books it); its figures are then NULL.';
COMMENT ON COLUMN v_realised_pnl.fill_id IS 'The exchange''s execution id (unique per account), or a convert''s id.';
COMMENT ON COLUMN v_realised_pnl.kind IS 'fill (a spot trade) or convert.';

-- Derivative fees in a coin other than cash are valued at the fee coin's price of the
-- fill's minute, kept in fills.fee_usdt_rate (as for spot fills), where it was had.
CREATE OR REPLACE VIEW v_fees_monthly AS
SELECT date_trunc('month', f.executed_at AT TIME ZONE 'UTC')::date AS month, a.exchange_id, a.account, f.category, f.base AS asset,
       count(*)::int AS fills, sum(x.fee_usdt) AS fees_usdt, count(*) FILTER (WHERE x.fee_usdt IS NULL)::int AS fees_unknown,
       bool_or(x.fee_usdt IS NULL) AS fees_partial
FROM fills f JOIN accounts a ON a.id = f.account_id
CROSS JOIN LATERAL (
  -- Spot fills carry their booked fee; a derivative fee charged in a cash coin counts at
  -- par (the same cash list as the cost basis), one in another coin at its stored price.
  SELECT CASE WHEN f.category = 'spot' OR f.fee_usdt IS NOT NULL THEN f.fee_usdt
              WHEN f.fee_currency IN ('USDT', 'USDC', 'USD', 'FDUSD', 'DAI') THEN f.fee
              ELSE f.fee * f.fee_usdt_rate END AS fee_usdt
) x
WHERE a.removed_at IS NULL
GROUP BY 1, a.exchange_id, a.account, f.category, f.base;

COMMENT ON COLUMN v_fees_monthly.fees_usdt IS 'Sum of the fees in USDT that are known (spot: valued at each fill''s time, cash at par; derivatives: fees in a cash coin at par, in another coin at its USDT price of the fill''s minute); NULL when none is known.';
COMMENT ON COLUMN v_fees_monthly.fees_unknown IS 'Number of fills whose fee in USDT is unknown (not valued, not booked yet, or a derivative fee in a coin without a price of its minute).';
