-- AlphaPulse Sync: initial schema.
-- Money and quantities are NUMERIC (exact); node-postgres returns them as strings.
-- portfolio_items and sync_history keep every column of the old Python module so its
-- dashboards keep working; the rest is new.

CREATE TABLE accounts (
  id            SERIAL PRIMARY KEY,
  exchange_id   TEXT NOT NULL,
  account       TEXT NOT NULL,
  label         TEXT,
  testnet       BOOLEAN NOT NULL DEFAULT FALSE,
  demo          BOOLEAN NOT NULL DEFAULT FALSE,
  -- exchange-specific account mode learnt once (Bybit: 'unified' or 'classic')
  account_mode  TEXT,
  -- newest fill execution time imported; the next sync asks only for what is newer
  fills_cursor  TIMESTAMPTZ,
  -- oldest instant the history walk reached; NULL until the first full walk ends
  fills_history_start TIMESTAMPTZ,
  last_success_at TIMESTAMPTZ,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (exchange_id, account)
);

-- Current balances, one row per account, wallet type and asset (replaced each sync).
CREATE TABLE balances (
  account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  wallet      TEXT NOT NULL,
  asset       TEXT NOT NULL,
  quantity    NUMERIC NOT NULL,
  updated_at  TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (account_id, wallet, asset)
);

-- Latest known USDT price per exchange and asset.
CREATE TABLE prices (
  exchange_id    TEXT NOT NULL,
  asset          TEXT NOT NULL,
  quote          TEXT NOT NULL,
  price          NUMERIC NOT NULL,
  change_24h_pct NUMERIC,
  source_symbol  TEXT NOT NULL,
  updated_at     TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (exchange_id, asset, quote)
);

-- Own trades (spot and derivatives), append-only.
CREATE TABLE fills (
  id            BIGSERIAL PRIMARY KEY,
  account_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  fill_id       TEXT NOT NULL,
  order_id      TEXT,
  category      TEXT NOT NULL,
  symbol        TEXT NOT NULL,
  base          TEXT NOT NULL,
  quote         TEXT NOT NULL,
  side          TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
  price         NUMERIC NOT NULL,
  quantity      NUMERIC NOT NULL,
  fee           NUMERIC,
  fee_currency  TEXT,
  -- the fee currency's USDT price at fill time when the exchange reports it; else NULL
  fee_usdt_rate NUMERIC,
  -- the quote asset's USDT price at fill time when the quote is not cash (cross pairs)
  quote_usdt_rate NUMERIC,
  executed_at   TIMESTAMPTZ NOT NULL,
  UNIQUE (account_id, fill_id)
);
CREATE INDEX fills_account_time ON fills (account_id, executed_at, id);

-- Open derivatives positions (replaced each sync).
CREATE TABLE positions (
  account_id        INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  category          TEXT NOT NULL,
  symbol            TEXT NOT NULL,
  side              TEXT NOT NULL,
  size              NUMERIC NOT NULL,
  entry_price       NUMERIC,
  mark_price        NUMERIC,
  unrealised_pnl    NUMERIC,
  leverage          NUMERIC,
  liquidation_price NUMERIC,
  settle_coin       TEXT,
  updated_at        TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (account_id, category, symbol, side)
);

-- Old module's table: one row per account and asset. `account` is new.
CREATE TABLE portfolio_items (
  id              SERIAL PRIMARY KEY,
  exchange_id     VARCHAR(64) NOT NULL,
  account         VARCHAR(128) NOT NULL DEFAULT 'default',
  asset           VARCHAR(64) NOT NULL,
  quantity        NUMERIC NOT NULL,
  current_price   NUMERIC,
  avg_entry_price NUMERIC,
  avg_entry_partial BOOLEAN NOT NULL DEFAULT FALSE,
  value           NUMERIC,
  profit_loss     NUMERIC,
  profit_loss_percentage NUMERIC,
  change_24h_pct  NUMERIC,
  wallets         JSONB NOT NULL DEFAULT '{}'::jsonb,
  created_at      TIMESTAMP NOT NULL DEFAULT now(),
  updated_at      TIMESTAMP NOT NULL DEFAULT now(),
  UNIQUE (exchange_id, account, asset)
);

-- Old module's table: one row per sync run, failed ones too. Columns after created_at are new.
CREATE TABLE sync_history (
  id              SERIAL PRIMARY KEY,
  exchange_id     VARCHAR(64) NOT NULL,
  sync_type       VARCHAR(32) NOT NULL,
  items_processed INTEGER NOT NULL DEFAULT 0,
  items_synced    INTEGER NOT NULL DEFAULT 0,
  success         BOOLEAN NOT NULL,
  start_time      TIMESTAMP NOT NULL,
  end_time        TIMESTAMP,
  error_message   TEXT,
  created_at      TIMESTAMP NOT NULL DEFAULT now(),
  account         VARCHAR(128) NOT NULL DEFAULT 'default',
  trigger         VARCHAR(32),
  error_class     VARCHAR(32),
  warnings        JSONB NOT NULL DEFAULT '[]'::jsonb,
  requests        INTEGER,
  fills_imported  INTEGER
);
CREATE INDEX sync_history_recent ON sync_history (start_time DESC);

-- Net value history: one row per account and successful sync.
CREATE TABLE snapshots (
  id            BIGSERIAL PRIMARY KEY,
  account_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  taken_at      TIMESTAMPTZ NOT NULL,
  quote         TEXT NOT NULL,
  total_value   NUMERIC NOT NULL,
  unpriced_assets INTEGER NOT NULL DEFAULT 0,
  sync_id       INTEGER REFERENCES sync_history(id) ON DELETE SET NULL
);
CREATE INDEX snapshots_account_time ON snapshots (account_id, taken_at);

CREATE TABLE snapshot_items (
  snapshot_id BIGINT NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
  asset       TEXT NOT NULL,
  quantity    NUMERIC NOT NULL,
  price       NUMERIC,
  value       NUMERIC,
  PRIMARY KEY (snapshot_id, asset)
);

-- Markets loaded from public endpoints, refreshed at most daily.
CREATE TABLE markets_cache (
  exchange_id TEXT NOT NULL,
  endpoint    TEXT NOT NULL,
  fetched_at  TIMESTAMPTZ NOT NULL,
  markets     JSONB NOT NULL,
  PRIMARY KEY (exchange_id, endpoint)
);
