-- Realised P&L and fees, kept per fill so they are read, not recomputed, on every screen.
-- `booked` tells a fill whose figures were worked out (possibly unknown: NULL) from one
-- stored before this migration; the next sync books the account's fills.
ALTER TABLE fills
  ADD COLUMN fee_usdt     NUMERIC,
  ADD COLUMN realised_pnl NUMERIC,
  ADD COLUMN booked       BOOLEAN NOT NULL DEFAULT FALSE;

-- Per held asset: realised P&L of its disposals and the fees of its trades, in USDT
-- (the known part; *_partial when some figure could not be valued).
ALTER TABLE portfolio_items
  ADD COLUMN realised_pnl     NUMERIC,
  ADD COLUMN realised_partial BOOLEAN NOT NULL DEFAULT FALSE,
  ADD COLUMN fees_usdt        NUMERIC,
  ADD COLUMN fees_partial     BOOLEAN NOT NULL DEFAULT FALSE;
