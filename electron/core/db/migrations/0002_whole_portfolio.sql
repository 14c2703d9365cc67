-- The whole portfolio: derivatives at equity, and accounts that can be removed.

-- A removed account is hidden everywhere (portfolio, totals, net value, positions,
-- status) on every machine sharing the database; NULL = active. Keeping its rows
-- makes the removal restorable: saving the same exchange and account id clears it.
ALTER TABLE accounts ADD COLUMN removed_at TIMESTAMPTZ;

-- total_value = wallet_value + unrealised_pnl (USDT). Snapshots written before this
-- migration counted wallet balances only, so that is what their total was; a row
-- written without the split (NULL wallet_value) means the same.
ALTER TABLE snapshots ADD COLUMN wallet_value NUMERIC;
ALTER TABLE snapshots ADD COLUMN unrealised_pnl NUMERIC NOT NULL DEFAULT 0;
UPDATE snapshots SET wallet_value = total_value;
