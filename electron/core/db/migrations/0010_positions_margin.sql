-- A position's initial margin in its settle coin (Bybit's positionIM), for its return on
-- equity; NULL where the exchange does not report it (positions stored before this).
ALTER TABLE positions ADD COLUMN margin NUMERIC;

-- The exchange's own spot prices that convert USDT for display (USD through USDCUSDT,
-- EUR through EURUSDT or USDTEUR), as they stood at the snapshot:
-- {"EUR": {"symbol": "EURUSDT", "base": "EUR", "quote": "USDT", "price": "1.0842"}}.
-- Figures stay in USDT; a currency without a listed pair is absent.
ALTER TABLE snapshots ADD COLUMN display_rates JSONB NOT NULL DEFAULT '{}'::jsonb;
