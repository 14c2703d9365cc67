import type { ProgressSink } from './types.js';

/** Counts the windows of every history list a sync reads, for one progress figure. */
export interface WindowProgress {
  /** Registers `windows` more windows; returns the callback to call as each one is read. */
  add(windows: number): () => void;
}

/**
 * One figure for the whole import: spot trades and every other history kind add their
 * windows, and each window read moves it on. A first sync's slowest list (Bybit lets
 * internal transfers be read once a second) then shows as progress, not as a stall
 * after the trades are in. A sync with one window per kind reads "new trades".
 */
export function windowProgress(onProgress: ProgressSink): WindowProgress {
  const state = { done: 0, total: 0 };
  const report = () => {
    const cold = state.total > KINDS_WHEN_WARM;
    onProgress({ step: 'fills', done: state.done, total: state.total, message: cold ? 'Importing two years of history' : 'Reading new trades and records' });
  };
  return {
    add(windows) {
      // Silent: every list adds its windows in the same moment, and a figure reported
      // between two of them ("0 of 105") would be one the import never had.
      state.total += windows;
      return () => {
        state.done += 1;
        report();
      };
    },
  };
}

/** A warm sync reads one window per kind (spot, two derivative categories × trades and closed P&L, the log, six asset lists) and a few overlapping. */
const KINDS_WHEN_WARM = 24;
