import fs from 'node:fs/promises';
import { AppError } from '../errors.js';
import { isProcessAlive, sleep } from './process-utils.js';

export interface FileLockOptions {
  /** How long to wait for another holder before giving up. */
  timeoutMs: number;
  /** A lock older than this is abandoned whoever holds it (a hung or pid-reused holder). */
  staleMs: number;
  onStale?: (holderPid: number | undefined) => void;
}

interface LockContent {
  pid: number;
  at: number;
}

// The file lock keeps other processes out; this chain keeps out other callers in our
// own process, whose pid the file would show as alive.
const inProcess = new Map<string, Promise<unknown>>();

/**
 * Runs `fn` holding an exclusive lock file (created with O_EXCL). A lock whose holder
 * process is gone, or that is older than `staleMs`, is taken over.
 */
export async function withFileLock<T>(lockPath: string, fn: () => Promise<T>, opts: FileLockOptions): Promise<T> {
  const previous = inProcess.get(lockPath) ?? Promise.resolve();
  const turn = previous.catch(() => undefined).then(async () => {
    await acquire(lockPath, opts);
    try {
      return await fn();
    } finally {
      await fs.rm(lockPath, { force: true });
    }
  });
  inProcess.set(lockPath, turn);
  try {
    return await turn;
  } finally {
    if (inProcess.get(lockPath) === turn) inProcess.delete(lockPath);
  }
}

async function acquire(lockPath: string, opts: FileLockOptions): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const content: LockContent = { pid: process.pid, at: Date.now() };
    try {
      await fs.writeFile(lockPath, JSON.stringify(content), { flag: 'wx', mode: 0o600 });
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = await readHolder(lockPath);
    if (holder && isStale(holder, opts.staleMs)) {
      opts.onStale?.(holder.pid);
      // Rename first so that of two processes judging the same lock stale, only one
      // removes it; the other's rename fails and it simply tries again.
      const aside = `${lockPath}.stale-${process.pid}-${Date.now()}`;
      await fs.rename(lockPath, aside).then(() => fs.rm(aside, { force: true }), () => undefined);
      continue;
    }
    if (Date.now() > deadline) {
      throw new AppError('database', `Another AlphaPulse Sync process${holder ? ` (pid ${holder.pid})` : ''} is starting or stopping the built-in database server and has not finished`,
        `Try again in a moment. If no other AlphaPulse Sync process is running, delete ${lockPath}.`, { transient: true });
    }
    await sleep(50);
  }
}

async function readHolder(lockPath: string): Promise<LockContent | undefined> {
  try {
    const [text, st] = await Promise.all([fs.readFile(lockPath, 'utf8'), fs.stat(lockPath)]);
    try {
      const parsed = JSON.parse(text) as Partial<LockContent>;
      if (typeof parsed.pid === 'number' && typeof parsed.at === 'number') return { pid: parsed.pid, at: parsed.at };
    } catch {
      // Written but not yet filled by its creator, or truncated by a crash: judge by age.
    }
    return { pid: -1, at: st.mtimeMs };
  } catch {
    return undefined; // released meanwhile
  }
}

function isStale(holder: LockContent, staleMs: number): boolean {
  if (Date.now() - holder.at > staleMs) return true;
  if (holder.pid === -1) return Date.now() - holder.at > 2_000;
  // Our own pid in the file while our in-process chain does not hold it: a previous
  // process with the same pid (containers restart with the same pids) left it behind.
  if (holder.pid === process.pid) return true;
  return !isProcessAlive(holder.pid);
}
