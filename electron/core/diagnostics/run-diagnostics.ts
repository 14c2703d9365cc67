import type { DiagnosticCheck, DiagnosticsReport } from '../../../shared/api.js';
import type { AppConfig } from '../config/app-config.js';
import type { CcxtLoader } from '../exchange/ccxt-loader.js';
import type { Redactor } from '../redact.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { BreakerPolicy } from '../sync/breaker.js';
import { createAccountSession, environmentUrlsFromEnv, type EnvironmentUrls } from './account-session.js';
import type { CheckDefinition } from './check-types.js';
import { clockCheck } from './clock-check.js';
import { credentialsCheck } from './credentials-check.js';
import { databaseCheck, type DatabaseInput } from './database-check.js';
import { environmentCheck } from './environment-check.js';
import { keyHealthCheck } from './key-health-check.js';
import { keychainCheck, type KeychainTarget } from './keychain-check.js';
import { nodeNetProbes, type NetProbes } from './net-probes.js';
import { rateLimitCheck } from './rate-limit-check.js';
import { reconciliationCheck } from './reconciliation-check.js';
import { reachabilityCheck } from './reachability-check.js';
import { runChecks } from './run-checks.js';
import { settingsCheck, type SettingsState } from './settings-check.js';
import { syncStateCheck } from './sync-state-check.js';
import { walletsCheck } from './wallets-check.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Time limits of a diagnostics run. */
export interface DiagnosticsTimeouts {
  /** Longest one check may take (the database check allows more for a first start). */
  checkMs: number;
  /** One exchange request. */
  requestMs: number;
  /** One network step of the reachability check (DNS, TCP, TLS, HTTP). */
  stepMs: number;
}

/** Generous enough for a slow real network; tests shorten them. */
export const DEFAULT_DIAGNOSTICS_TIMEOUTS: DiagnosticsTimeouts = { checkMs: 30_000, requestMs: 10_000, stepMs: 8_000 };

/**
 * Everything the diagnostics need, none of it requiring a working database: the
 * database comes as an open connection, the error that opening it gave, or a promise
 * of either, so exchange checks run while (or although) the database fails.
 */
export interface DiagnosticsDeps {
  config: AppConfig;
  env: Env;
  settings: SettingsState;
  database: DatabaseInput;
  /** Credential stores in the sync's order (environment first). */
  secretStores: readonly SecretStore[];
  /** The keychain, when the app has one (the desktop shell); null in the CLI. */
  keychain: KeychainTarget | null;
  loader: CcxtLoader;
  /** Every text of every result passes through it; exchange clients register keys with it. */
  redactor: Redactor;
  now: () => Date;
  platform?: NodeJS.Platform;
  net?: NetProbes;
  /** URLs of the other environments the environment check tries; default: the overrides, then ccxt's own. */
  environmentUrls?: (account: AppConfig['accounts'][number]) => EnvironmentUrls;
  breaker?: BreakerPolicy;
  timeouts?: Partial<DiagnosticsTimeouts>;
  /** Monotonic ms for round trips; performance.now by default. */
  elapsed?: () => number;
  /** Each result as soon as its check finishes (the `diagnostics:result` event). */
  onResult?: (check: DiagnosticCheck) => void;
}

/** Every check, global ones first, then each enabled account's, in report order. */
export function diagnosticsChecks(deps: DiagnosticsDeps): CheckDefinition[] {
  const timeouts = { ...DEFAULT_DIAGNOSTICS_TIMEOUTS, ...deps.timeouts };
  const platform = deps.platform ?? process.platform;
  const accounts = deps.config.accounts.filter((a) => a.enabled);
  const defs: CheckDefinition[] = [
    settingsCheck({ config: deps.config, env: deps.env, settings: deps.settings }),
    databaseCheck(deps.database, deps.elapsed),
    keychainCheck({ keychain: deps.keychain, stores: deps.secretStores, accounts, platform }),
  ];
  const sessionDeps = {
    loader: deps.loader, redactor: deps.redactor, now: deps.now, requestTimeoutMs: timeouts.requestMs, stores: deps.secretStores,
    environmentUrls: deps.environmentUrls ?? environmentUrlsFromEnv(deps.env), ...(deps.elapsed ? { elapsed: deps.elapsed } : {}),
  };
  for (const account of accounts) {
    const session = createAccountSession(account, sessionDeps);
    defs.push(
      reachabilityCheck(session, { net: deps.net ?? nodeNetProbes, stepTimeoutMs: timeouts.stepMs, env: deps.env, ...(deps.elapsed ? { elapsed: deps.elapsed } : {}) }),
      clockCheck(session, platform),
      credentialsCheck(session),
      environmentCheck(session),
      keyHealthCheck(session, deps.now),
      walletsCheck(session),
      rateLimitCheck(session, { database: deps.database.connection }),
      syncStateCheck(account, { database: deps.database.connection, sync: deps.config.sync, now: deps.now, ...(deps.breaker ? { breaker: deps.breaker } : {}) }),
      reconciliationCheck(account, { database: deps.database.connection }),
    );
  }
  return defs;
}

/** Runs every check concurrently, streaming each result, and returns the full report. */
export function runDiagnostics(deps: DiagnosticsDeps): Promise<DiagnosticsReport> {
  const timeouts = { ...DEFAULT_DIAGNOSTICS_TIMEOUTS, ...deps.timeouts };
  return runChecks(diagnosticsChecks(deps), {
    timeoutMs: timeouts.checkMs,
    redact: (text) => deps.redactor.redact(text),
    ...(deps.onResult ? { onResult: deps.onResult } : {}),
  });
}
