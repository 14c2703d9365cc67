import type pg from 'pg';
import { AppError } from '../errors.js';
import { safeCause } from './errors.js';
import { defaultMigrationsDir, readMigrationFiles } from './migration-files.js';
import { withTransaction } from './transaction.js';
import type { MigrationFile } from './migration-files.js';

export interface MigrationRef {
  version: number;
  name: string;
}

export interface MigrateResult {
  /** Migrations applied by this call (empty when the schema was current). */
  applied: MigrationRef[];
  /** The schema version afterwards. */
  version: number;
}

// Two-key advisory locks live apart from one-key (bigint) ones, such as the sync's
// per-account locks. 0x41505359 is "APSY".
const LOCK_KEYS = [0x41505359, 1] as const;

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  checksum   TEXT NOT NULL,
  applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
)`;

/**
 * Applies the pending `NNNN_name.sql` migrations in order, all in one transaction under
 * a transaction-level advisory lock: concurrent callers wait and then find nothing to
 * do, and a failure leaves the schema as it was. An applied migration whose file has
 * changed since is refused.
 */
export async function migrate(pool: pg.Pool, migrationsDir: string = defaultMigrationsDir()): Promise<MigrateResult> {
  const files = await readMigrationFiles(migrationsDir);
  const client = await pool.connect();
  try {
    return await withTransaction(client, async () => {
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [...LOCK_KEYS]);
      await client.query(CREATE_TABLE);
      const applied = await appliedRows(client);
      checkUnchanged(files, applied);
      const pending = files.filter((f) => !applied.has(f.version));
      for (const file of pending) {
        try {
          await client.query(file.sql);
        } catch (e) {
          throw new AppError('database', `Database migration ${label(file)} failed: ${(e as Error).message}`,
            'Nothing was changed. If the database already holds tables of another program (or of the old AlphaPulse module), use an empty database.', { cause: safeCause(e) });
        }
        await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [file.version, file.name, file.checksum]);
      }
      const version = Math.max(0, ...applied.keys(), ...pending.map((f) => f.version));
      return { applied: pending.map(({ version: v, name }) => ({ version: v, name })), version };
    });
  } finally {
    client.release();
  }
}

/** The highest applied migration version; 0 for a database never migrated. */
export async function currentSchemaVersion(pool: pg.Pool): Promise<number> {
  if (!(await hasTable(pool))) return 0;
  const { rows } = await pool.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  return rows[0]?.v ?? 0;
}

/** Migrations in the folder not yet applied to the database, in order. */
export async function pendingMigrations(pool: pg.Pool, migrationsDir: string = defaultMigrationsDir()): Promise<MigrationRef[]> {
  const files = await readMigrationFiles(migrationsDir);
  const applied = (await hasTable(pool)) ? await appliedRows(pool) : new Map<number, AppliedRow>();
  return files.filter((f) => !applied.has(f.version)).map(({ version, name }) => ({ version, name }));
}

interface AppliedRow {
  name: string;
  checksum: string;
}

async function appliedRows(db: pg.Pool | pg.PoolClient): Promise<Map<number, AppliedRow>> {
  const { rows } = await db.query<{ version: number } & AppliedRow>('SELECT version, name, checksum FROM schema_migrations ORDER BY version');
  return new Map(rows.map((r) => [r.version, { name: r.name, checksum: r.checksum }]));
}

async function hasTable(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t");
  return rows[0]?.t != null;
}

function checkUnchanged(files: MigrationFile[], applied: Map<number, AppliedRow>): void {
  for (const file of files) {
    const row = applied.get(file.version);
    if (row && row.checksum !== file.checksum) {
      throw new AppError('database', `Database migration ${label(file)} was changed after it had been applied to this database`,
        'Applied migrations must never be edited: restore the original file and put the change in a new migration.');
    }
  }
}

const label = (f: MigrationFile): string => `${String(f.version).padStart(4, '0')}_${f.name}`;
