-- The old module's two tables kept TIMESTAMP (without zone) columns holding UTC. They
-- become TIMESTAMPTZ like everything else, so a reader in any session time zone gets
-- the right instant and no query has to say AT TIME ZONE 'UTC'. Column names, order
-- and defaults stay: the old module's dashboards read the same columns.
ALTER TABLE portfolio_items
  ALTER COLUMN created_at TYPE TIMESTAMPTZ USING created_at AT TIME ZONE 'UTC',
  ALTER COLUMN updated_at TYPE TIMESTAMPTZ USING updated_at AT TIME ZONE 'UTC';

ALTER TABLE sync_history
  ALTER COLUMN start_time TYPE TIMESTAMPTZ USING start_time AT TIME ZONE 'UTC',
  ALTER COLUMN end_time   TYPE TIMESTAMPTZ USING end_time AT TIME ZONE 'UTC',
  ALTER COLUMN created_at TYPE TIMESTAMPTZ USING created_at AT TIME ZONE 'UTC';
