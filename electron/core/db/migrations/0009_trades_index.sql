-- The Trades screen lists every account's fills newest first (or oldest first), a page at a
-- time: an index on the time alone serves that order without sorting the whole table.
-- (fills_account_time serves one account's fills in time order.)
CREATE INDEX IF NOT EXISTS fills_time ON fills (executed_at, id);
