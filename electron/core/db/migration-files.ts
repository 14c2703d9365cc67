import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../errors.js';

export interface MigrationFile {
  version: number;
  name: string;
  sql: string;
  /** sha256 of the text with line endings normalised (a Windows checkout must not count as a change). */
  checksum: string;
}

const FILE = /^(\d{4})_([A-Za-z0-9_-]+)\.sql$/;

/**
 * `electron/core/db/migrations` of the installed app, found by walking up from this
 * module to the alphapulse-sync package.json: the same code runs from the sources
 * (tsx, vitest) and bundled into dist/.
 */
export function defaultMigrationsDir(from: string = import.meta.url): string {
  let dir = path.dirname(fileURLToPath(from));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown };
      if (pkg.name === 'alphapulse-sync') return path.join(dir, 'electron', 'core', 'db', 'migrations');
    } catch {
      // no package.json here: keep walking
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new AppError('internal', 'The database migrations folder cannot be found (no alphapulse-sync package.json above the program)', 'Reinstall AlphaPulse Sync.');
    }
    dir = parent;
  }
}

/** The migration files of `dir`, ordered by version; gaps are allowed, duplicates are not. */
export async function readMigrationFiles(dir: string): Promise<MigrationFile[]> {
  const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.sql')).sort();
  const out: MigrationFile[] = [];
  for (const file of names) {
    const m = FILE.exec(file);
    if (!m) throw new AppError('internal', `The migration file ${file} is not named NNNN_name.sql`, 'Rename it, e.g. 0002_add_column.sql.');
    const version = Number.parseInt(m[1] ?? '', 10);
    if (out.some((f) => f.version === version)) throw new AppError('internal', `Two migration files have version ${m[1]}`, 'Give each migration its own number.');
    const sql = (await fs.readFile(path.join(dir, file), 'utf8')).replace(/\r\n/g, '\n');
    out.push({ version, name: m[2] ?? '', sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  return out;
}
