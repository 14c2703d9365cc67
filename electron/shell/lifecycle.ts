import type { App, PowerMonitor } from 'electron';

export interface ShutdownDeps {
  /** Stops what the shell runs: timers, IPC, tray and window. */
  stopUi: () => void;
  /** The core's close: stops the scheduler, cancels a running sync, stops the database, closes the log. */
  closeCore: () => Promise<void>;
  log: { info(msg: string, data?: Record<string, unknown>): void; warn(msg: string, data?: Record<string, unknown>): void };
  /**
   * Longest wait for the core. A sync still running past it is cut off; its transaction was
   * never committed, so PostgreSQL rolls it back and the last good data stays.
   */
  timeoutMs?: number;
}

export interface Shutdown {
  /** Runs once; later calls get the same promise. */
  run(reason: string): Promise<void>;
}

/** Quit in a fixed order: the UI first (nothing new starts), then the core. */
export function createShutdown(deps: ShutdownDeps): Shutdown {
  let running: Promise<void> | null = null;
  const timeoutMs = deps.timeoutMs ?? 25_000;
  const stop = async (reason: string) => {
    deps.log.info('quitting', { reason });
    try {
      deps.stopUi();
    } catch (e) {
      deps.log.warn('the window or tray did not close cleanly', { message: String(e) });
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => { timer = setTimeout(() => resolve('late'), timeoutMs); });
    const outcome = await Promise.race([deps.closeCore().then(() => 'closed' as const, (e: unknown) => {
      deps.log.warn('the core did not close cleanly', { message: String(e) });
      return 'failed' as const;
    }), late]);
    clearTimeout(timer);
    if (outcome === 'late') deps.log.warn(`a running sync did not finish within ${Math.round(timeoutMs / 1000)} s; quitting anyway (its transaction is rolled back)`);
  };
  return {
    run(reason) {
      running ??= stop(reason);
      return running;
    },
  };
}

export interface QuitSources {
  app: Pick<App, 'on' | 'exit'>;
  powerMonitor: Pick<PowerMonitor, 'on'>;
  signals: Pick<NodeJS.Process, 'once'>;
}

/**
 * Quit, logout and shutdown all go through the one shutdown; closing the window does not
 * quit (the app stays in the tray). Windows' session end arrives on the window (see main.ts).
 */
export function bindQuitEvents(src: QuitSources, shutdown: Shutdown): void {
  const quit = (reason: string) => void shutdown.run(reason).finally(() => src.app.exit(0));
  src.app.on('window-all-closed', () => {
    // Stay in the tray.
  });
  src.app.on('before-quit', (event) => {
    // app.exit() after the shutdown does not come back here.
    event.preventDefault();
    quit('quit');
  });
  src.powerMonitor.on('shutdown', (...args: unknown[]) => {
    // Asks Linux and macOS to wait while the database stops.
    (args[0] as { preventDefault?: () => void } | undefined)?.preventDefault?.();
    quit('system shutdown or logout');
  });
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) src.signals.once(signal, () => quit(signal));
}
