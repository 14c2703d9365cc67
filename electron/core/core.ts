import { parseApiInput, type ApiChannel, type ApiEvents, type ApiHandlers, type ApiInput, type ApiResults } from '../../shared/api.js';
import { createApiHandlers, readStatus } from './api.js';
import { buildAppConfig, type AppConfig } from './config/app-config.js';
import { configError } from './errors.js';
import { readEnvOverrides } from './config/env.js';
import { resolveDataPaths } from './config/paths.js';
import { createSettingsFile, type SettingsStore } from './config/settings-file.js';
import { openDatabase, resolveDatabaseTarget, type Database } from './db/connection.js';
import { classifyDatabaseError } from './db/errors.js';
import { migrate } from './db/migrate.js';
import { classifyRegistryErrors, createAccountRegistry } from './db/repositories/account-registry.js';
import { createMarketsCache } from './db/repositories/markets-cache-repo.js';
import { readOldestLastSuccess } from './db/repositories/read-repo.js';
import { createCcxtLoader } from './exchange/ccxt-loader.js';
import { createExchangeClient } from './exchange/create-client.js';
import { createClientCache } from './exchange/client-cache.js';
import { createBasisCache } from './sync/basis-cache.js';
import { createStatusPublisher } from './sync/status-publisher.js';
import { createRedactor, type Redactor } from './redact.js';
import { createLogger, type Logger } from './logging/logger.js';
import { chainSecretStores, type SecretStore } from './secrets/secret-store.js';
import { createEnvSecretStore } from './secrets/env-secret-store.js';
import { createKeytarStore, keychainCanary } from './secrets/keytar-store.js';
import { bindToEndpoints } from './secrets/endpoint-binding.js';
import { withStoredDatabasePassword } from './settings/database-password.js';
import { createDiagnosticsService } from './diagnostics/diagnostics-service.js';
import { createConnectionTester } from './settings/connection-test.js';
import { createSettingsService, type SettingsService } from './settings/settings-service.js';
import { createEventBus, type EventBus } from './sync/event-bus.js';
import { createScheduler, type Scheduler } from './sync/scheduler.js';
import { createSyncService, type SyncService } from './sync/sync-service.js';
import { DEFAULT_BREAKER, type BreakerPolicy } from './sync/breaker.js';
import type { ResilienceOptions } from './exchange/resilience.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface CoreOptions {
  env: Env;
  now?: () => Date;
  /** Extra secret stores tried after the environment (the shell adds the keychain). */
  secretStores?: SecretStore[];
  settingsStore?: SettingsStore;
  /**
   * Where keys of accounts added in the app live. Default: the OS keychain through keytar,
   * loaded only when such a key is first needed; null: none (env credentials only).
   */
  keychain?: SecretStore | null;
  /** Where warnings are echoed for a person (the CLI's stderr); null for none. */
  console?: NodeJS.WritableStream | null;
  /** Create a missing external database instead of failing. */
  createDatabase?: boolean;
  /** Timeouts, retries, breaker and deadline; defaults suit real exchanges, tests shorten them. */
  tuning?: { resilience?: Partial<ResilienceOptions>; breaker?: BreakerPolicy; syncDeadlineMs?: number };
}

/** The headless application: everything below the UI, built in a visible order. */
export interface Core {
  /** The effective config; settings changes through the API replace it. */
  readonly config: AppConfig;
  settings: SettingsService;
  /** Set when the settings file was corrupt and moved aside: the user must be told. */
  settingsRecovered: { movedTo: string; reason: string } | null;
  db: Database;
  log: Logger;
  redactor: Redactor;
  events: EventBus<ApiEvents>;
  sync: SyncService;
  scheduler: Scheduler;
  api: ApiHandlers;
  /** Validates the input against shared/api.ts, then calls the handler: what every front end does. */
  invoke<K extends ApiChannel>(channel: K, input?: ApiInput<K>): Promise<ApiResults[K]>;
  /**
   * Stops the scheduler, waits for a running sync (or, with `cancelRunning`, cancels it:
   * rolled back, recorded as 'cancelled'), closes the database (stopping the built-in
   * server this process started) and the log.
   */
  close(opts?: { cancelRunning?: boolean; reason?: string }): Promise<void>;
}

export async function createCore(opts: CoreOptions): Promise<Core> {
  const now = opts.now ?? (() => new Date());
  // 1. Configuration: env is validated first so a bad value fails before anything starts.
  const envOverrides = readEnvOverrides(opts.env);
  const paths = resolveDataPaths(opts.env);
  const settingsStore = opts.settingsStore ?? createSettingsFile(paths.settingsFile, now);
  const loaded = await settingsStore.load();
  const config = buildAppConfig(loaded.settings, envOverrides, paths);
  const loader = createCcxtLoader();
  // An unknown exchange is a configuration error, said before anything starts.
  for (const a of config.accounts) {
    if (!loader.has(a.exchangeId)) throw configError(`"${a.exchangeId}" is not an exchange ccxt knows (account "${a.id}")`, 'Use a ccxt exchange id such as "bybit", "okx" or "kraken" in EXCHANGE_SYNC_EXCHANGES or the account settings.');
  }
  // 2. Redaction and logging, before anything can fail with a secret in its message.
  const redactor = createRedactor();
  const log = createLogger({ logDir: paths.logDir, level: config.logLevel, redactor, console: opts.console ?? null });
  if (loaded.recovered) log.warn(`settings file was invalid (${loaded.recovered.reason}); moved to ${loaded.recovered.movedTo}, defaults in use`);
  // 3. Database: embedded or external, migrated.
  // The keychain is created early (keytar itself loads lazily): an external database's
  // password lives there, not in settings.json.
  const keychain = opts.keychain === undefined ? createKeytarStore() : opts.keychain;
  const withDbPassword = await withStoredDatabasePassword(loaded.settings, keychain);
  const target = resolveDatabaseTarget(opts.env, withDbPassword.settings);
  let db: Database;
  try {
    db = await openDatabase(target, { dataDir: paths.dataDir, log, createDatabase: opts.createDatabase ?? false, onSecret: (v) => redactor.addSecret(v) });
    await migrate(db.pool);
  } catch (e) {
    await log.close();
    throw e;
  }
  const classifyDbError = (e: unknown) => classifyDatabaseError(e, db.target);
  // 4. Secrets, exchange clients, sync service, scheduler.
  const envSecrets = createEnvSecretStore(opts.env);
  // The sync and the diagnostics get a stored key only for the address it was saved for.
  const endpointOf = (ref: { exchangeId: string; accountId: string }) => settings.config().accounts.find((a) => a.exchangeId === ref.exchangeId && a.id === ref.accountId) ?? null;
  const boundKeychain = keychain && bindToEndpoints(keychain, endpointOf);
  // In the sync's order: environment first, then the shell's stores, then the keychain.
  const secretStores: SecretStore[] = [envSecrets, ...(opts.secretStores ?? []), ...(boundKeychain ? [boundKeychain] : [])];
  const secrets = chainSecretStores(secretStores);
  const marketsCache = createMarketsCache(db.pool);
  const clients = createClientCache((conn) => createExchangeClient(conn, { loader, redactor, marketsCache, now, resilience: opts.tuning?.resilience ?? {} }));
  const events = createEventBus<ApiEvents>((e) => log.warn('event listener failed', { message: String(e) }));
  const breaker = opts.tuning?.breaker ?? DEFAULT_BREAKER;
  const registry = classifyRegistryErrors(createAccountRegistry(db.pool, now), classifyDbError);
  const apiDeps = () => ({ pool: db.pool, config: () => settings.config(), registry, sync, scheduler, now, breaker, settings, diagnostics });
  const status = createStatusPublisher(() => readStatus(apiDeps()), (s) => events.emit('status:changed', s), (e) => log.warn('status unavailable', { message: String(e) }));
  const publishStatus = () => status.refresh();
  const scheduler = createScheduler({
    now,
    timers: { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) },
    lastSuccessAt: () => readOldestLastSuccess(db.pool),
    run: () => sync.syncAll('schedule'),
    onError: (e) => log.error('scheduled sync failed', { message: String(e) }),
    onChange: publishStatus,
  }, config.sync);
  // Any sync (manual ones too) puts the next scheduled one an interval later.
  events.on('sync:finished', (summary) => scheduler.noteRun(new Date(summary.finishedAt)));
  // Settings and accounts change while running: the scheduler and the sync read the live config.
  const costPolicy = { current: loaded.settings.depositCostBasis };
  const settings = createSettingsService({
    store: settingsStore, initial: loaded.settings, env: opts.env, envOverrides, paths, envSecrets, keychain, databasePasswordStored: withDbPassword.stored, registry,
    testConnection: createConnectionTester({ loader, redactor, marketsCache, now, resilience: opts.tuning?.resilience ?? {} }),
    onChange: (cfg, view) => {
      scheduler.configure(cfg.sync);
      events.emit('settings:changed', view);
      publishStatus();
      // A new deposit policy changes every average and realised figure: work them out
      // again now rather than at the next scheduled sync.
      if (cfg.settings.depositCostBasis !== costPolicy.current) {
        costPolicy.current = cfg.settings.depositCostBasis;
        sync.syncAll('settings').catch((e: unknown) => log.warn('sync after a policy change failed', { message: String(e) }));
      }
    },
    warn: (message, data) => log.warn(message, data),
  });
  const sync: SyncService = createSyncService({
    accountSync: {
      pool: db.pool, secrets, log, now, classifyDbError, redact: (s: string) => redactor.redact(s),
      breaker, deadlineMs: opts.tuning?.syncDeadlineMs ?? 10 * 60_000,
      createClient: (conn) => clients.get(conn),
      discardClient: (conn) => clients.discard(conn),
      basisCache: createBasisCache(),
      depositCostBasis: () => settings.config().settings.depositCostBasis,
    },
    accounts: () => settings.config().accounts,
    onProgress: (p) => events.emit('sync:progress', p),
    onStart: () => status.markSyncing(),
    onFinish: (summary) => {
      events.emit('sync:finished', summary);
      publishStatus();
    },
  });
  // Diagnostics read the live config; results stream to every front end as they finish.
  const diagnostics = createDiagnosticsService(() => ({
    config: settings.config(), env: opts.env, settings: { file: paths.settingsFile, recovered: loaded.recovered, readError: null },
    database: { target, dataDir: paths.dataDir, connection: db, embeddedWasRunning: db.embedded ? true : null },
    secretStores,
    keychain: keychain ? { store: keychain, probe: { canary: () => keychainCanary(keychain) } } : null,
    loader, redactor, now, breaker, onResult: (check) => events.emit('diagnostics:result', check),
  }));
  const api = createApiHandlers(apiDeps());
  let closed = false;
  return {
    get config() { return settings.config(); },
    settings, settingsRecovered: loaded.recovered, db, log, redactor, events, sync, scheduler, api,
    // async: a rejected input is a rejected promise, never a synchronous throw.
    invoke: async (channel, input) => (api[channel] as (i: unknown) => Promise<never>)(parseApiInput(channel, input)),
    async close(closeOpts = {}) {
      if (closed) return;
      closed = true;
      scheduler.stop();
      if (closeOpts.cancelRunning) await sync.cancel(closeOpts.reason ?? 'the app is closing');
      await sync.idle();
      await db.close();
      await log.close();
    },
  };
}
