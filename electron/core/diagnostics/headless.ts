import type { DiagnosticCheck, DiagnosticsReport } from '../../../shared/api.js';
import { buildAppConfig } from '../config/app-config.js';
import { readEnvOverrides } from '../config/env.js';
import { resolveDataPaths } from '../config/paths.js';
import { createSettingsFile } from '../config/settings-file.js';
import { defaultSettings } from '../config/settings-schema.js';
import { openDatabase, resolveDatabaseTarget, type Database } from '../db/connection.js';
import { isProcessAlive } from '../db/process-utils.js';
import { readPostmasterPid, serverPaths } from '../db/server-files.js';
import { createCcxtLoader } from '../exchange/ccxt-loader.js';
import { createRedactor } from '../redact.js';
import { createLogger, silentLogger, type Logger } from '../logging/logger.js';
import { createEnvSecretStore } from '../secrets/env-secret-store.js';
import { createKeytarStore, keychainCanary } from '../secrets/keytar-store.js';
import type { KeychainTarget } from './keychain-check.js';
import type { NetProbes } from './net-probes.js';
import { runDiagnostics, type DiagnosticsDeps, type DiagnosticsTimeouts } from './run-diagnostics.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Options of {@link runHeadlessDiagnostics}; tests inject the network, timeouts and URLs. */
export interface HeadlessDiagnosticsOptions {
  env: Env;
  /** Where log warnings are echoed for a person (the CLI's stderr); null for none. */
  console?: NodeJS.WritableStream | null;
  onResult?: (check: DiagnosticCheck) => void;
  now?: () => Date;
  /** Default: the OS keychain, as the core uses it (touched only for accounts whose key is not in the environment). */
  keychain?: KeychainTarget | null;
  timeouts?: Partial<DiagnosticsTimeouts>;
  net?: NetProbes;
  environmentUrls?: DiagnosticsDeps['environmentUrls'];
}

export interface HeadlessDiagnosticsResult {
  report: DiagnosticsReport;
  /** The run's redactor (it knows the keys and the database password), for text made from the report. */
  redact: (text: string) => string;
}

/**
 * Diagnostics without a core: `createCore` stops at a database it cannot open, and a
 * broken database is exactly what diagnostics must report. Configuration is validated
 * first (a bad variable still throws a config error, exit code 2); the database is
 * opened alongside the other checks and its failure becomes the database check's result.
 * Read-only: nothing is migrated or created.
 */
export async function runHeadlessDiagnostics(opts: HeadlessDiagnosticsOptions): Promise<HeadlessDiagnosticsResult> {
  const now = opts.now ?? (() => new Date());
  const envOverrides = readEnvOverrides(opts.env);
  const paths = resolveDataPaths(opts.env);
  let settings = defaultSettings();
  let recovered: { movedTo: string; reason: string } | null = null;
  let readError: string | null = null;
  try {
    ({ settings, recovered } = await createSettingsFile(paths.settingsFile, now).load());
  } catch (e) {
    // Unreadable (permissions): reported by the settings check, defaults meanwhile.
    readError = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
  }
  const config = buildAppConfig(settings, envOverrides, paths);
  const target = resolveDatabaseTarget(opts.env, settings);
  const redactor = createRedactor();
  let log: Logger = silentLogger;
  try {
    log = createLogger({ logDir: paths.logDir, level: config.logLevel, redactor, console: opts.console ?? null });
  } catch {
    // An unwritable data folder is one of the things diagnosed (settings check); run without a log file.
  }
  const keychain = opts.keychain === undefined ? defaultKeychain() : opts.keychain;
  const embeddedWasRunning = target.mode === 'embedded' ? await embeddedServerRunning(paths.dataDir) : null;
  const connection: Promise<Database | Error> = openDatabase(target, { dataDir: paths.dataDir, log, onSecret: (v) => redactor.addSecret(v) })
    .then((db) => db, (e: unknown) => (e instanceof Error ? e : new Error(String(e))));
  try {
    const report = await runDiagnostics({
      config, env: opts.env, settings: { file: paths.settingsFile, recovered, readError },
      database: { target, dataDir: paths.dataDir, connection, embeddedWasRunning },
      secretStores: [createEnvSecretStore(opts.env), ...(keychain ? [keychain.store] : [])],
      keychain, loader: createCcxtLoader(), redactor, now,
      ...(opts.timeouts ? { timeouts: opts.timeouts } : {}), ...(opts.net ? { net: opts.net } : {}),
      ...(opts.environmentUrls ? { environmentUrls: opts.environmentUrls } : {}), ...(opts.onResult ? { onResult: opts.onResult } : {}),
    });
    const failed = report.checks.filter((c) => c.status === 'fail').map((c) => `${c.account ?? 'global'}:${c.id}`);
    log.info('diagnostics finished', { ok: report.ok, failed });
    return { report, redact: (text) => redactor.redact(text) };
  } finally {
    const db = await connection;
    if (!(db instanceof Error)) await db.close().catch(() => undefined);
    await log.close();
  }
}

function defaultKeychain(): KeychainTarget {
  const store = createKeytarStore();
  return { store, probe: { canary: () => keychainCanary(store) } };
}

/** Whether the built-in server of `dataDir` runs now (before diagnostics start or reuse it). */
async function embeddedServerRunning(dataDir: string): Promise<boolean> {
  const info = await readPostmasterPid(serverPaths(dataDir).pgData);
  return info !== undefined && isProcessAlive(info.pid);
}
