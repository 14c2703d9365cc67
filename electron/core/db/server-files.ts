import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';

/** Where the embedded server keeps its things inside the app's data folder. */
export interface ServerPaths {
  dataDir: string;
  /** The cluster (PGDATA), owned by the user the server runs as. */
  pgData: string;
  /** Superuser name and password, 0600. */
  authFile: string;
  /** Which process owns the running server, and the last port used. */
  stateFile: string;
  lockFile: string;
  logFile: string;
}

export function serverPaths(dataDir: string): ServerPaths {
  const dir = path.resolve(dataDir);
  return {
    dataDir: dir,
    pgData: path.join(dir, 'postgres'),
    authFile: path.join(dir, 'postgres-auth.json'),
    stateFile: path.join(dir, 'postgres-server.json'),
    lockFile: path.join(dir, 'postgres.lock'),
    logFile: path.join(dir, 'postgres.log'),
  };
}

export interface PostmasterInfo {
  pid: number;
  port: number;
  /** "starting", "ready", "stopping", or undefined when absent (old server versions). */
  status: string | undefined;
}

/**
 * Reads `postmaster.pid`, PostgreSQL's own lock file: line 1 the postmaster's pid,
 * line 4 its port, line 8 its status. Undefined when absent or unreadable.
 */
export async function readPostmasterPid(pgData: string): Promise<PostmasterInfo | undefined> {
  let text: string;
  try {
    text = await fs.readFile(path.join(pgData, 'postmaster.pid'), 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  return { pid, port: Number.isInteger(port) ? port : 0, status: lines[7]?.trim() || undefined };
}

export async function isInitialised(pgData: string): Promise<boolean> {
  return fs.access(path.join(pgData, 'PG_VERSION')).then(() => true, () => false);
}

export interface AuthRecord {
  user: string;
  password: string;
}

/**
 * The superuser credentials: read, or generated once before the cluster exists. The
 * file is 0600 and read only here; the password is never logged.
 */
export async function loadOrCreateAuth(file: string, clusterExists: boolean): Promise<AuthRecord> {
  const existing = await readAuth(file);
  if (existing) return existing;
  if (clusterExists) {
    throw new AppError('database', `The built-in database exists but its password file ${file} is missing or unreadable`,
      `Restore ${file} from a backup, or move the "postgres" folder beside it away to start a new, empty database.`);
  }
  const auth: AuthRecord = { user: 'postgres', password: randomBytes(24).toString('base64url') };
  await fs.writeFile(file, JSON.stringify(auth), { mode: 0o600 });
  await fs.chmod(file, 0o600); // writeFile's mode is only used when it creates the file
  return auth;
}

async function readAuth(file: string): Promise<AuthRecord | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  const parsed = safeParse(text);
  if (typeof parsed?.user !== 'string' || typeof parsed.password !== 'string' || parsed.password === '') {
    throw new AppError('database', `The password file of the built-in database (${file}) is damaged`,
      `Restore ${file} from a backup, or move it and the "postgres" folder beside it away to start a new, empty database.`);
  }
  // Tighten a copy restored with loose permissions.
  const st = await fs.stat(file);
  if ((st.mode & 0o077) !== 0) await fs.chmod(file, 0o600);
  return { user: parsed.user, password: parsed.password };
}

/** Who owns the running server; `port` stays after a stop so the next start reuses it. */
export interface ServerState {
  port: number;
  ownerPid: number | null;
  postmasterPid: number | null;
}

export async function readState(file: string): Promise<ServerState | undefined> {
  const parsed = safeParse(await fs.readFile(file, 'utf8').catch(() => ''));
  if (!parsed || typeof parsed.port !== 'number') return undefined;
  const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
  return { port: parsed.port, ownerPid: num(parsed.ownerPid), postmasterPid: num(parsed.postmasterPid) };
}

export async function writeState(file: string, state: ServerState): Promise<void> {
  // Write then rename, so a reader never sees half a file.
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, JSON.stringify({ ...state, updatedAt: new Date().toISOString() }), { mode: 0o600 });
  await fs.rename(tmp, file);
}

function safeParse(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
