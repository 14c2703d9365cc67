-- The cost of what was held, in every snapshot, so unrealised P&L can be drawn over time:
-- per coin, the USDT cost of the units whose cost the books know (average-cost method,
-- fees included, under the deposit policy of the time), and per snapshot the cost and
-- value of the costed holdings. Cash carries no cost. Rows written before this migration
-- keep NULL: their cost was never recorded, and NULL means unknown, never zero.
-- Safe to run again over itself (IF NOT EXISTS, CREATE OR REPLACE), as the views are.

ALTER TABLE snapshot_items
  -- units of the holding whose cost is known (NULL: none, cash, or not recorded)
  ADD COLUMN IF NOT EXISTS costed_quantity NUMERIC,
  -- USDT cost of those units
  ADD COLUMN IF NOT EXISTS cost_basis NUMERIC;

ALTER TABLE snapshots
  -- USDT cost of the costed units of the priced coins held; NULL when not recorded, or
  -- when coins were held but none had both a known cost and a price
  ADD COLUMN IF NOT EXISTS cost_basis NUMERIC,
  -- those same units at the snapshot's prices (a backfilled day: its closes)
  ADD COLUMN IF NOT EXISTS costed_value NUMERIC,
  -- some coin held had units without a known cost or price, left out of both figures;
  -- NULL: not recorded
  ADD COLUMN IF NOT EXISTS cost_partial BOOLEAN,
  -- the deposit policy the cost was worked out under
  ADD COLUMN IF NOT EXISTS cost_policy TEXT CHECK (cost_policy IN ('unknown', 'market'));

-- The view gains the figures at the end: its earlier columns are a contract.
CREATE OR REPLACE VIEW v_net_value_daily AS
WITH days AS (
  -- Each active account's last point of each UTC day.
  SELECT DISTINCT ON (s.account_id, (s.taken_at AT TIME ZONE 'UTC')::date)
         s.account_id, (s.taken_at AT TIME ZONE 'UTC')::date AS day, s.taken_at, s.total_value,
         COALESCE(s.wallet_value, s.total_value) AS wallet_value, s.unrealised_pnl, s.source, s.estimated,
         s.cost_basis, s.costed_value, s.cost_partial
  FROM snapshots s JOIN accounts a ON a.id = s.account_id
  WHERE a.removed_at IS NULL
  ORDER BY s.account_id, (s.taken_at AT TIME ZONE 'UTC')::date, s.taken_at DESC, s.id DESC
)
SELECT d.day, a.exchange_id, a.account, d.taken_at, d.total_value AS value, d.wallet_value, d.unrealised_pnl, d.source, d.estimated,
       d.cost_basis, d.costed_value - d.cost_basis AS unrealised_spot_pnl, d.cost_partial
FROM days d JOIN accounts a ON a.id = d.account_id
UNION ALL
-- The total of a day: every active account's latest point up to the end of that day (an
-- account without a point that day counts with its last earlier one), as the chart adds them.
-- Its cost is unknown when any part's was never recorded.
SELECT t.day, NULL, NULL, v.taken_at, v.value, v.wallet_value, v.unrealised_pnl,
       CASE WHEN v.backfill THEN 'backfill' ELSE 'sync' END, v.estimated,
       CASE WHEN v.unrecorded THEN NULL ELSE v.cost_basis END,
       CASE WHEN v.unrecorded THEN NULL ELSE v.costed_value - v.cost_basis END,
       CASE WHEN v.unrecorded THEN NULL ELSE v.cost_partial END
FROM (SELECT DISTINCT day FROM days) t CROSS JOIN LATERAL (
  SELECT max(l.taken_at) AS taken_at, sum(l.total_value) AS value, sum(COALESCE(l.wallet_value, l.total_value)) AS wallet_value,
         sum(l.unrealised_pnl) AS unrealised_pnl, bool_or(l.source = 'backfill') AS backfill, bool_or(l.estimated) AS estimated,
         sum(l.cost_basis) AS cost_basis, sum(l.costed_value) AS costed_value, bool_or(l.cost_partial) AS cost_partial,
         bool_or(l.cost_partial IS NULL) AS unrecorded
  FROM accounts acc CROSS JOIN LATERAL (
    SELECT s.taken_at, s.total_value, s.wallet_value, s.unrealised_pnl, s.source, s.estimated, s.cost_basis, s.costed_value, s.cost_partial FROM snapshots s
    WHERE s.account_id = acc.id AND s.taken_at < ((t.day + 1)::timestamp AT TIME ZONE 'UTC')
    ORDER BY s.taken_at DESC, s.id DESC LIMIT 1
  ) l
  WHERE acc.removed_at IS NULL
) v;

COMMENT ON VIEW v_net_value_daily IS 'Net value per UTC day, with the cost and unrealised P&L of the spot coins held: one row per active account and day it has a point (its last point of that day), and one total row per such day (exchange_id and account NULL).';
COMMENT ON COLUMN v_net_value_daily.cost_basis IS 'USDT cost (average-cost method, fees included) of the coins held whose cost is known and that have a price; cash has none. NULL when unknown: points from before costs were recorded (on the total row, when any part is), or coins held with no known cost at all.';
COMMENT ON COLUMN v_net_value_daily.unrealised_spot_pnl IS 'Unrealised P&L of the spot holdings in cost_basis: their value at the point''s prices (a reconstructed day: its closes) minus cost_basis. NULL when cost_basis is.';
COMMENT ON COLUMN v_net_value_daily.cost_partial IS 'True when some coin held had units without a known cost (deposits under the unknown policy, history the exchange no longer returns) or without a price: cost_basis and unrealised_spot_pnl then cover the known part. NULL when cost_basis was never recorded.';
