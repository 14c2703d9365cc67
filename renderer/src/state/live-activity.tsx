import { createContext, useCallback, useContext, useMemo, useReducer, type ReactNode } from 'react';
import type { ApiError } from '../../../electron/preload/types.js';
import type { DiagnosticCheck, SyncRunSummary } from '../../../shared/api.js';
import type { AppStatus, SyncProgress } from '../../../shared/domain.js';
import { useApi, useApiEvent } from '../api/index.js';
import { toApiError } from './api-error.js';
import { diagnosticsReducer, initialDiagnosticsRun, type DiagnosticsRun } from './diagnostics-run.js';
import { initialSyncActivity, syncActivityReducer, type SyncActivity } from './sync-activity.js';

/**
 * Runs that outlive a screen: a sync's progress and a diagnostics run stay known when
 * the user navigates away and back, whoever started them (window, tray, scheduler).
 */
interface SyncContextValue {
  activity: SyncActivity;
  /** `force` runs one trial even for an account whose circuit breaker is open; resolves with how the run ended. */
  runSync: (force?: boolean) => Promise<SyncOutcome>;
}
interface DiagnosticsContextValue {
  run: DiagnosticsRun;
  start: () => void;
}

export type SyncOutcome = { ok: true; summary: SyncRunSummary } | { ok: false; error: ApiError };

const SyncContext = createContext<SyncContextValue | null>(null);
const DiagnosticsContext = createContext<DiagnosticsContextValue | null>(null);

export function LiveActivityProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [activity, dispatchSync] = useReducer(syncActivityReducer, initialSyncActivity);
  const [diagnostics, dispatchDiagnostics] = useReducer(diagnosticsReducer, initialDiagnosticsRun);

  useApiEvent('sync:progress', useCallback((progress: SyncProgress) => dispatchSync({ type: 'progress', progress }), []));
  useApiEvent('sync:finished', useCallback((summary: SyncRunSummary) => dispatchSync({ type: 'finished', summary }), []));
  useApiEvent('status:changed', useCallback((s: AppStatus) => dispatchSync({ type: 'status', syncing: s.syncing }), []));
  useApiEvent('diagnostics:result', useCallback((check: DiagnosticCheck) => dispatchDiagnostics({ type: 'result', check }), []));

  const runSync = useCallback((force = false): Promise<SyncOutcome> => {
    dispatchSync({ type: 'started' });
    return api.invoke('sync:run', { trigger: 'window', force }).then(
      (summary): SyncOutcome => {
        dispatchSync({ type: 'finished', summary });
        return { ok: true, summary };
      },
      (e: unknown): SyncOutcome => {
        const error = toApiError(e);
        dispatchSync({ type: 'failed', error });
        return { ok: false, error };
      },
    );
  }, [api]);

  const startDiagnostics = useCallback(() => {
    dispatchDiagnostics({ type: 'started' });
    api.invoke('diagnostics:run').then(
      (report) => dispatchDiagnostics({ type: 'finished', report, at: new Date().toISOString() }),
      (e: unknown) => dispatchDiagnostics({ type: 'failed', error: toApiError(e), at: new Date().toISOString() }),
    );
  }, [api]);

  const syncValue = useMemo(() => ({ activity, runSync }), [activity, runSync]);
  const diagnosticsValue = useMemo(() => ({ run: diagnostics, start: startDiagnostics }), [diagnostics, startDiagnostics]);
  return (
    <SyncContext.Provider value={syncValue}>
      <DiagnosticsContext.Provider value={diagnosticsValue}>{children}</DiagnosticsContext.Provider>
    </SyncContext.Provider>
  );
}

export function useSyncActivity(): SyncContextValue {
  const v = useContext(SyncContext);
  if (v === null) throw new Error('useSyncActivity is used outside LiveActivityProvider');
  return v;
}

export function useDiagnosticsRun(): DiagnosticsContextValue {
  const v = useContext(DiagnosticsContext);
  if (v === null) throw new Error('useDiagnosticsRun is used outside LiveActivityProvider');
  return v;
}
