/** Timers as the refusal log needs them; tests pass their own. */
export interface RefusalLogTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface RefusalSummary {
  refused: number;
  addresses: number;
  /** How many for each reason ("wrong token", "locked out", …). */
  reasons: Record<string, number>;
  windowMs: number;
}

export interface RefusalLog {
  /** Counts one refused connection and why. */
  note(address: string, reason: string): void;
  /** Writes what is still counted and stops the timer. */
  flush(): void;
}

/**
 * Refused dashboard connections become one log line per interval, not one per guess: a
 * flood of wrong tokens must not rotate the real log lines away. The first refusal of a
 * quiet period is written at once, so a single mistake is seen without waiting.
 */
export function createRefusalLog(emit: (summary: RefusalSummary) => void, timers: RefusalLogTimers, windowMs = 60_000): RefusalLog {
  const state = { refused: 0, reasons: {} as Record<string, number>, addresses: new Set<string>(), timer: null as unknown };
  const write = () => {
    if (state.refused > 0) emit({ refused: state.refused, addresses: state.addresses.size, reasons: state.reasons, windowMs });
    state.refused = 0;
    state.reasons = {};
    state.addresses.clear();
  };
  const tick = () => {
    const any = state.refused > 0;
    write();
    // Keep summarising while refusals go on; a quiet interval ends the series.
    state.timer = any ? timers.setTimeout(tick, windowMs) : null;
  };
  return {
    note(address, reason) {
      state.refused += 1;
      state.reasons[reason] = (state.reasons[reason] ?? 0) + 1;
      // The set is bounded like the limiter's: beyond that, only the count grows.
      if (state.addresses.size < 10_000) state.addresses.add(address);
      if (state.timer === null) {
        write();
        state.timer = timers.setTimeout(tick, windowMs);
      }
    },
    flush() {
      if (state.timer !== null) timers.clearTimeout(state.timer);
      state.timer = null;
      write();
    },
  };
}
