import type { Pool } from 'pg';
import type { ApiEvents, ApiHandlers, SyncRunSummary } from '../../shared/api.js';
import type { AccountStatus, AppStatus } from '../../shared/domain.js';
import type { AppConfig } from './config/app-config.js';
import { adviceFor } from './error-advice.js';
import { exportCsvText } from './export/export-text.js';
import { rangeBounds } from './range-bounds.js';
import { listTrades } from './db/repositories/trades-repo.js';
import { readPnlDaily } from './db/repositories/pnl-repo.js';
import { readAssetValues } from './db/repositories/asset-values-repo.js';
import { readHistory, readLastSuccess, readNetValue, readPortfolio, readPortfolioTotals, readRecentRuns, runOutcome } from './db/repositories/read-repo.js';
import { readDisplayRates, readPositions } from './db/repositories/positions-repo.js';
import { breakerState, type BreakerPolicy } from './sync/breaker.js';
import { readUnexplained } from './db/repositories/reconciliation-repo.js';
import { dec } from './portfolio/decimal.js';
import { createSettingsHandlers } from './settings/settings-handlers.js';
import { mergeWithRegistry } from './settings/settings-service.js';
import type { AccountRegistry } from './db/repositories/account-registry.js';
import type { SettingsService } from './settings/settings-service.js';
import type { DiagnosticsService } from './diagnostics/diagnostics-service.js';
import type { Scheduler } from './sync/scheduler.js';
import type { SyncService } from './sync/sync-service.js';

export interface ApiDeps {
  pool: Pool;
  config: () => AppConfig;
  /** The database's account list: removals made on any machine, accounts synced elsewhere. */
  registry: AccountRegistry;
  sync: SyncService;
  scheduler: Scheduler;
  now: () => Date;
  breaker: BreakerPolicy;
  settings: SettingsService;
  diagnostics: DiagnosticsService;
}


/** The one handler table behind shared/api.ts; every transport serves exactly this. */
export function createApiHandlers(deps: ApiDeps): ApiHandlers {
  return {
    'status:get': () => readStatus(deps),
    'portfolio:get': () => readPortfolio(deps.pool),
    'positions:list': () => readPositions(deps.pool),
    'history:list': ({ limit }) => readHistory(deps.pool, limit, adviceFor),
    'net-value:get': async ({ range, account, maxPoints, from, to }) => readNetValue(deps.pool, { ...rangeBounds(range, from, to, deps.now()), account, maxPoints }),
    'net-value:assets': async ({ range, account, maxPoints, from, to }) => readAssetValues(deps.pool, { ...rangeBounds(range, from, to, deps.now()), account, maxPoints }),
    'pnl:daily': async ({ range, account, from, to }) => readPnlDaily(deps.pool, { ...rangeBounds(range, from, to, deps.now()), account }),
    'sync:run': ({ trigger, force }): Promise<SyncRunSummary> => deps.sync.syncAll(trigger, { force }),
    ...createSettingsHandlers(deps.settings),
    'diagnostics:run': () => deps.diagnostics.run(),
    'trades:list': (q) => listTrades(deps.pool, q),
    'export:csv': (req) => exportCsvText(deps.pool, req, deps.now()),
  };
}

/**
 * Status of the scheduler and of every active account, from the database: this
 * machine's accounts not removed there, and those another machine sharing it syncs.
 */
export async function readStatus(deps: ApiDeps): Promise<AppStatus> {
  const [runs, successes, totals, registered, off, rates] = await Promise.all([
    readRecentRuns(deps.pool, adviceFor), readLastSuccess(deps.pool), readPortfolioTotals(deps.pool), deps.registry.list(), readUnexplained(deps.pool), readDisplayRates(deps.pool)]);
  const { local, elsewhere } = mergeWithRegistry(deps.config().accounts, registered);
  const shown = [...local, ...elsewhere.map((r) => ({ exchangeId: r.exchangeId, id: r.account, label: r.label, testnet: r.testnet, enabled: false }))];
  const now = deps.now().getTime();
  const syncing = deps.sync.isRunning();
  const accounts: AccountStatus[] = shown.map((a) => {
    const recent = runs.get(`${a.exchangeId}:${a.id}`) ?? [];
    const lastRun = recent[0] ?? null;
    const lastSuccess = successes.find((s) => s.exchangeId === a.exchangeId && s.account === a.id)?.at ?? null;
    const state: AccountStatus['state'] = syncing && a.enabled ? 'syncing' : lastRun === null ? 'never' : lastRun.success ? 'ok' : 'failed';
    return {
      exchangeId: a.exchangeId, account: a.id, label: a.label, testnet: a.testnet, state,
      lastSuccessAt: lastSuccess?.toISOString() ?? null, lastRun,
      dataAgeSeconds: lastSuccess === null ? null : Math.max(0, Math.round((now - lastSuccess.getTime()) / 1000)),
      breaker: breakerState(recent.map(runOutcome), deps.now(), deps.breaker),
      unexplained: off.filter((u) => u.exchangeId === a.exchangeId && u.account === a.id)
        .map((u) => ({ asset: u.asset, quantity: dec(u.unexplained).toString(), likelyCause: u.likelyCause })),
    };
  });
  const s = deps.scheduler.status();
  return {
    syncing,
    scheduler: { enabled: s.enabled, intervalMinutes: s.intervalMinutes, running: s.nextRunAt !== null, nextRunAt: s.nextRunAt?.toISOString() ?? null },
    accounts,
    totalValue: totals.totalValue,
    asOf: totals.asOf,
    rates,
  };
}

export type { ApiEvents };
