import type { DbLog } from './db-log.js';
import type { EmbeddedHandle } from './embedded-server.js';
import { isProcessAlive } from './process-utils.js';

/** Keeps a process's built-in database server running while the process uses it. */
export interface EmbeddedSupervisor {
  /** The server in use now: it changes when a stopped one was started again. */
  current(): EmbeddedHandle;
  /**
   * After a connection failure: when the server's postmaster is gone (killed, crashed,
   * stopped by another process), starts it again or adopts the one another process
   * started meanwhile. Resolves true when a new server is in use. Concurrent calls share
   * one attempt; after a failed attempt, calls within `retryAfterMs` resolve false at once.
   */
  recover(): Promise<boolean>;
  /** Stops the server if this process owns it; no recovery afterwards. */
  stop(): Promise<void>;
}

export interface SupervisorOptions {
  /** Starts or reuses the server of the same data folder (startEmbeddedServer). */
  start: () => Promise<EmbeddedHandle>;
  log: DbLog;
  isAlive?: (pid: number) => boolean;
  now?: () => number;
  retryAfterMs?: number;
}

export function superviseEmbeddedServer(first: EmbeddedHandle, opts: SupervisorOptions): EmbeddedSupervisor {
  const isAlive = opts.isAlive ?? isProcessAlive;
  const now = opts.now ?? Date.now;
  const retryAfterMs = opts.retryAfterMs ?? 5_000;
  const state: { handle: EmbeddedHandle; attempt: Promise<boolean> | null; failedAt: number | null; stopped: boolean } =
    { handle: first, attempt: null, failedAt: null, stopped: false };

  const attempt = async (): Promise<boolean> => {
    const lost = state.handle;
    opts.log.warn('The built-in database server stopped; starting it again', { pid: lost.postmasterPid, port: lost.port });
    try {
      const next = await opts.start();
      if (state.stopped) {
        await next.stop();
        return false;
      }
      state.handle = next;
      state.failedAt = null;
      opts.log.info(next.owned ? 'The built-in database server runs again' : 'Another process started the built-in database server again; using it',
        { pid: next.postmasterPid, port: next.port, owned: next.owned });
      return true;
    } catch (e) {
      state.failedAt = now();
      opts.log.warn('The built-in database server could not be started again', { error: e instanceof Error ? e.message : String(e) });
      return false;
    }
  };

  return {
    current: () => state.handle,
    recover() {
      if (state.stopped) return Promise.resolve(false);
      if (state.attempt) return state.attempt;
      if (isAlive(state.handle.postmasterPid)) return Promise.resolve(false);
      if (state.failedAt !== null && now() - state.failedAt < retryAfterMs) return Promise.resolve(false);
      state.attempt = attempt().finally(() => { state.attempt = null; });
      return state.attempt;
    },
    async stop() {
      state.stopped = true;
      await state.attempt?.catch(() => undefined);
      await state.handle.stop();
    },
  };
}
