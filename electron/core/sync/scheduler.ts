/** Timer functions, injected so tests drive time by hand. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SchedulerDeps {
  now: () => Date;
  timers: Timers;
  /** When the last successful sync ended; decides whether to sync right at start. */
  lastSuccessAt: () => Promise<Date | null>;
  /** Runs a sync; a sync already running is joined, so ticks never pile up. */
  run: () => Promise<unknown>;
  onError: (e: unknown) => void;
  onChange?: () => void;
}

export interface Scheduler {
  start(): Promise<void>;
  stop(): void;
  configure(opts: { enabled: boolean; intervalMinutes: number }): void;
  /** Call after any sync (manual ones too) so the next one is an interval later. */
  noteRun(at: Date): void;
  status(): { enabled: boolean; intervalMinutes: number; nextRunAt: Date | null };
}

// Timers are checked at least this often against the wall clock, so a machine that
// slept through a due time syncs within a minute of waking instead of much later.
const MAX_TIMER_MS = 60_000;

/** Runs a sync every interval; at start when the last one is older than the interval. */
export function createScheduler(deps: SchedulerDeps, initial: { enabled: boolean; intervalMinutes: number }): Scheduler {
  const state = { ...initial, nextRunAt: null as Date | null, timer: null as unknown, started: false };
  const intervalMs = () => state.intervalMinutes * 60_000;

  const arm = () => {
    if (state.timer !== null) deps.timers.clearTimeout(state.timer);
    state.timer = null;
    if (!state.started || !state.enabled || state.nextRunAt === null) return;
    const wait = Math.max(0, Math.min(MAX_TIMER_MS, state.nextRunAt.getTime() - deps.now().getTime()));
    state.timer = deps.timers.setTimeout(tick, wait);
  };

  const tick = () => {
    state.timer = null;
    if (state.nextRunAt === null) return;
    if (deps.now().getTime() < state.nextRunAt.getTime()) return arm();
    // Schedule from now, not from the missed due time: after a long sleep this runs
    // once, not once per missed interval.
    state.nextRunAt = new Date(deps.now().getTime() + intervalMs());
    deps.onChange?.();
    arm();
    deps.run().catch(deps.onError);
  };

  return {
    async start() {
      state.started = true;
      const last = await deps.lastSuccessAt();
      const due = last === null ? deps.now() : new Date(last.getTime() + intervalMs());
      state.nextRunAt = due.getTime() < deps.now().getTime() ? deps.now() : due;
      arm();
      deps.onChange?.();
    },
    stop() {
      state.started = false;
      arm();
    },
    configure({ enabled, intervalMinutes }) {
      const changedInterval = intervalMinutes !== state.intervalMinutes;
      state.enabled = enabled;
      state.intervalMinutes = intervalMinutes;
      if (changedInterval && state.nextRunAt) state.nextRunAt = new Date(Math.min(state.nextRunAt.getTime(), deps.now().getTime() + intervalMs()));
      arm();
      deps.onChange?.();
    },
    noteRun(at) {
      state.nextRunAt = new Date(at.getTime() + intervalMs());
      arm();
      deps.onChange?.();
    },
    status: () => ({ enabled: state.enabled, intervalMinutes: state.intervalMinutes, nextRunAt: state.enabled && state.started ? state.nextRunAt : null }),
  };
}
