import type { DiagnosticsReport } from '../../../shared/api.js';
import { runDiagnostics, type DiagnosticsDeps } from './run-diagnostics.js';

/** What the core's `diagnostics:run` handler calls. */
export interface DiagnosticsService {
  /** Runs every check; a call while a run is under way joins that run (tray and window at once). */
  run(): Promise<DiagnosticsReport>;
}

/** `deps` is read per run, so a run sees the configuration in effect when it starts. */
export function createDiagnosticsService(deps: () => DiagnosticsDeps): DiagnosticsService {
  let running: Promise<DiagnosticsReport> | null = null;
  return {
    run() {
      running ??= runDiagnostics(deps()).finally(() => {
        running = null;
      });
      return running;
    },
  };
}
