-- Deposits in the cost basis. Each deposit keeps the USDT price of its minute, so the
-- policy can change without asking the exchange again; the figures say which policy
-- ('unknown' or 'market') made them.
ALTER TABLE cash_flows ADD COLUMN usdt_rate NUMERIC;
ALTER TABLE fills ADD COLUMN cost_policy TEXT;
ALTER TABLE portfolio_items ADD COLUMN cost_policy TEXT;
