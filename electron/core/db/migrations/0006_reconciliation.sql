-- Per account and asset: the balance the exchange reports (summed over every wallet,
-- Earn included) against what the stored records explain (the sum of every flow since
-- the history start). Replaced by each successful sync, in its transaction.
CREATE TABLE reconciliation (
  account_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  asset         TEXT NOT NULL,
  balance       NUMERIC NOT NULL,
  explained     NUMERIC NOT NULL,
  -- balance - explained; 0 when the records explain the whole balance
  unexplained   NUMERIC NOT NULL,
  -- for an asset that is off: the likeliest reason in words
  likely_cause  TEXT,
  -- the oldest instant the history import reached (NULL: not known)
  history_start TIMESTAMPTZ,
  reconciled_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (account_id, asset)
);

COMMENT ON TABLE reconciliation IS 'Per account and asset, after each successful sync: the reported balance against the sum of every stored flow (trades, deposits, withdrawals, transfers, converts, derivative settlement).';
COMMENT ON COLUMN reconciliation.balance IS 'What the exchange reports, summed over every wallet (Earn included).';
COMMENT ON COLUMN reconciliation.explained IS 'The sum of every stored flow of this asset since the history start.';
COMMENT ON COLUMN reconciliation.unexplained IS 'balance - explained: 0 when the records explain the whole balance.';
COMMENT ON COLUMN reconciliation.likely_cause IS 'For an asset that is off, the likeliest reason in words (NULL when explained).';
COMMENT ON COLUMN reconciliation.history_start IS 'The oldest instant the history import reached.';
