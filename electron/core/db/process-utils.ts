import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Whether a process exists and has not already exited. A zombie (exited, not yet
 * reaped by its parent) still answers signal 0, so on Linux its state is checked too.
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    // EPERM: it exists but belongs to another user (the postgres system user as non-root).
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (process.platform !== 'linux') return true;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch (e) {
    // ENOENT: it exited just now. Anything else (/proc mounted with hidepid): trust signal 0.
    return (e as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

/**
 * Whether `pid` runs the postgres program. `undefined` where the OS does not tell
 * (no /proc); callers then trust the pid.
 */
export function isPostgresProcess(pid: number): boolean | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const argv0 = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
    // Child processes retitle themselves "postgres: checkpointer" and so on.
    return path.basename(argv0) === 'postgres' || argv0.startsWith('postgres:');
  } catch {
    // Unreadable (hidepid) or gone: not evidence that it is something else.
    return undefined;
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `pid` has exited; false when it is still there after `timeoutMs`. */
export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(25);
  }
  return true;
}
