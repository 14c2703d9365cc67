-- What each successful sync used of the exchange's published per-endpoint limits, where
-- the client measures it (OKX, which sends no headers saying what is left): one object
-- per endpoint, {endpoint, requests, peak, limit, windowMs, rateLimited}. The diagnostics'
-- rate-limit check reads the latest.
ALTER TABLE sync_history ADD COLUMN rate_use JSONB;
COMMENT ON COLUMN sync_history.rate_use IS 'Per endpoint: requests sent, peak = most started within one of the exchange''s limit windows, limit per windowMs as documented, rateLimited = answers saying the limit was exceeded. NULL where not measured (Bybit, generic ccxt).';
