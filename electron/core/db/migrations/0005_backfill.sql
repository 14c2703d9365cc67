-- Net value before the first sync: daily points reconstructed from the trade history
-- (source 'backfill') beside the points each sync measures (source 'sync').
ALTER TABLE snapshots
  ADD COLUMN source    TEXT NOT NULL DEFAULT 'sync' CHECK (source IN ('sync', 'backfill')),
  -- the flows did not explain a balance that day (it went negative going back): a floor, not a measurement
  ADD COLUMN estimated BOOLEAN NOT NULL DEFAULT FALSE;

-- When the account's history was last reconstructed; NULL: to do on the next sync.
ALTER TABLE accounts ADD COLUMN backfilled_at TIMESTAMPTZ;
