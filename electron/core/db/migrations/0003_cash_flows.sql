-- Everything that moved the account's money besides spot trades: derivative trades go
-- to `fills` (category 'linear' or 'inverse'); closed P&L, the Unified account's
-- transaction log and deposits, withdrawals, transfers and converts get their own
-- append-only tables. Each keeps the exchange's record as sent in `raw`, and a unique
-- key so a re-import never duplicates a row.

-- Where each history kind's import stands (one row per account and kind).
CREATE TABLE import_cursors (
  account_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  kind          TEXT NOT NULL,
  -- covered up to this instant; the next sync reads only what is newer
  cursor        TIMESTAMPTZ NOT NULL,
  -- oldest instant the first walk reached (two years back)
  history_start TIMESTAMPTZ,
  updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, kind)
);

-- Realised P&L of each closing order of a linear or inverse position.
CREATE TABLE closed_pnl (
  id              BIGSERIAL PRIMARY KEY,
  account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  category        TEXT NOT NULL,
  symbol          TEXT NOT NULL,
  order_id        TEXT NOT NULL,
  side            TEXT NOT NULL,
  qty             NUMERIC,
  order_price     NUMERIC,
  order_type      TEXT,
  exec_type       TEXT,
  closed_size     NUMERIC,
  cum_entry_value NUMERIC,
  avg_entry_price NUMERIC,
  cum_exit_value  NUMERIC,
  avg_exit_price  NUMERIC,
  -- in the settle coin (USDT or USDC for linear, the base coin for inverse)
  closed_pnl      NUMERIC NOT NULL,
  open_fee        NUMERIC,
  close_fee       NUMERIC,
  fill_count      TEXT,
  leverage        NUMERIC,
  created_at      TIMESTAMPTZ NOT NULL,
  updated_at      TIMESTAMPTZ,
  raw             JSONB NOT NULL,
  UNIQUE (account_id, category, symbol, order_id, created_at)
);
CREATE INDEX closed_pnl_account_time ON closed_pnl (account_id, created_at);

-- The Unified account's transaction log: trades, funding, fees, settlement, transfers,
-- each with the coin's cash balance after it. change = cash_flow + funding - fee.
CREATE TABLE transaction_log (
  id               BIGSERIAL PRIMARY KEY,
  account_id       INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  log_id           TEXT NOT NULL,
  category         TEXT,
  symbol           TEXT,
  -- Bybit's type as sent (TRADE, SETTLEMENT, TRANSFER_IN, ...); unknown ones too
  type             TEXT NOT NULL,
  side             TEXT,
  currency         TEXT NOT NULL,
  qty              NUMERIC,
  size             NUMERIC,
  trade_price      NUMERIC,
  change           NUMERIC NOT NULL,
  cash_flow        NUMERIC,
  -- positive: received; negative: paid
  funding          NUMERIC,
  -- positive: paid; negative: rebate
  fee              NUMERIC,
  cash_balance     NUMERIC NOT NULL,
  trade_id         TEXT,
  order_id         TEXT,
  transaction_time TIMESTAMPTZ NOT NULL,
  raw              JSONB NOT NULL,
  UNIQUE (account_id, log_id)
);
CREATE INDEX transaction_log_account_time ON transaction_log (account_id, transaction_time);

-- Deposits, withdrawals, internal and universal transfers, converts. `amount` is
-- positive; the kind and the wallets give the direction. A convert receives `amount`
-- of `asset` for `counter_amount` of `counter_asset`.
CREATE TABLE cash_flows (
  id             BIGSERIAL PRIMARY KEY,
  account_id     INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  kind           TEXT NOT NULL,
  -- the exchange's id of the record (deposit id, withdrawId, transferId, exchangeTxId)
  flow_id        TEXT NOT NULL,
  asset          TEXT NOT NULL,
  amount         NUMERIC NOT NULL,
  fee            NUMERIC,
  counter_asset  TEXT,
  counter_amount NUMERIC,
  from_wallet    TEXT,
  to_wallet      TEXT,
  tx_id          TEXT,
  -- the exchange's status as sent (deposit status code, withdrawal or transfer status)
  status         TEXT,
  -- the exchange's own type (depositType, withdrawType) as sent
  raw_type       TEXT,
  occurred_at    TIMESTAMPTZ NOT NULL,
  raw            JSONB NOT NULL,
  UNIQUE (account_id, kind, flow_id)
);
CREATE INDEX cash_flows_account_time ON cash_flows (account_id, occurred_at);
