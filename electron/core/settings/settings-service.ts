import type { ApiParsedInput, ApiResults } from '../../../shared/api.js';
import type { AccountsView, AccountView, ConnectionTestResult, KeychainState, SettingsView } from '../../../shared/domain.js';
import { buildAppConfig, type AccountConfig, type AppConfig } from '../config/app-config.js';
import { envPrefix, needsPassphrase, type EnvOverrides } from '../config/env.js';
import { exchangeName } from '../exchange/create-client.js';
import type { DataPaths } from '../config/paths.js';
import type { SettingsStore } from '../config/settings-file.js';
import { accountSettingsSchema, type DatabaseSettings, type Settings } from '../config/settings-schema.js';
import { AppError, configError } from '../errors.js';
import { boundKeyError, endpointBinding } from '../secrets/endpoint-binding.js';
import type { AccountRef, SecretStore } from '../secrets/secret-store.js';
import { changedEndpointFields, endpointOfInput, redirectRefused, withCheckedUrls } from './account-endpoint.js';
import { accountViews, createKeychainMonitor } from './account-views.js';
import type { ConnectionTester } from './connection-test.js';
import type { AccountRegistry, RegisteredAccount } from '../db/repositories/account-registry.js';
import { applySettingsPatch, toSettingsView, validateSettings, type SettingsPatch } from './settings-view.js';
import { storeDatabasePassword } from './database-password.js';

type Env = Readonly<Record<string, string | undefined>>;
type SaveInput = ApiParsedInput<'accounts:save'>;
type TestInput = ApiParsedInput<'accounts:test'>;
type RemoveInput = ApiParsedInput<'accounts:remove'>;

export interface SettingsServiceDeps {
  store: SettingsStore;
  /** The settings the core started with (already loaded from the store). */
  initial: Settings;
  env: Env;
  envOverrides: EnvOverrides;
  paths: DataPaths;
  /** Read-only credentials from the environment. */
  envSecrets: SecretStore;
  /** Where keys of accounts added in the app go; null when this process has none. */
  keychain: SecretStore | null;
  testConnection: ConnectionTester;
  /** Whether the keychain holds the external database's password (the core looked at start). */
  databasePasswordStored: boolean;
  /**
   * The database's list of accounts, shared by every machine using it: accounts removed
   * there are hidden here, accounts only it knows are shown. Null: local settings only.
   */
  registry: AccountRegistry | null;
  /** Called after every change with the new effective config (the core reconfigures the scheduler). */
  onChange: (config: AppConfig, view: SettingsView) => void;
  warn: (message: string, data?: Record<string, unknown>) => void;
}

/** Settings and accounts, changed through the API by the shell and the dashboard. */
export interface SettingsService {
  config(): AppConfig;
  get(): SettingsView;
  update(patch: SettingsPatch): Promise<SettingsView>;
  listAccounts(): Promise<AccountsView>;
  saveAccount(input: SaveInput): Promise<AccountView>;
  removeAccount(input: RemoveInput): Promise<ApiResults['accounts:remove']>;
  testAccount(input: TestInput): Promise<ConnectionTestResult>;
  keychainState(refresh?: boolean): Promise<KeychainState>;
}

/**
 * Every change is validated against the settings schema, written through the
 * SettingsStore and only then applied: a rejected or failed change leaves the file, the
 * keychain and the running config as they were. Keys go to the keychain before the
 * account is saved, and are put back if saving fails.
 */
export function createSettingsService(deps: SettingsServiceDeps): SettingsService {
  const startedWith: DatabaseSettings = deps.initial.database;
  const state = { settings: deps.initial, config: buildAppConfig(deps.initial, deps.envOverrides, deps.paths), databasePasswordStored: deps.databasePasswordStored };
  const keychain = createKeychainMonitor(deps.keychain);
  let queue: Promise<unknown> = Promise.resolve();
  // Changes run one at a time, so two quick saves never overwrite each other.
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };
  const view = () => toSettingsView(state.settings, state.config, { env: deps.env, envOverrides: deps.envOverrides, startedWith, databasePasswordStored: state.databasePasswordStored });
  const commit = async (next: Settings) => {
    try {
      await deps.store.save(next);
    } catch (e) {
      if (e instanceof AppError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      throw new AppError('config', `The settings could not be written${code ? ` (${code})` : ''}`, `Check that ${deps.paths.dataDir} is writable and the disk is not full; nothing was changed.`, { cause: e });
    }
    state.settings = next;
    state.config = buildAppConfig(next, deps.envOverrides, deps.paths);
    deps.onChange(state.config, view());
  };
  const find = (exchangeId: string, id: string): AccountConfig | undefined => state.config.accounts.find((a) => a.exchangeId === exchangeId && a.id === id);
  const writableKeychain = (): SecretStore => {
    if (deps.keychain) return deps.keychain;
    throw new AppError('keychain', 'This program cannot keep keys in a keychain', 'Set the key in environment variables such as BYBIT_API_KEY and BYBIT_API_SECRET.');
  };
  const keychainCall = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      keychain.noteError(e);
      throw e;
    }
  };

  // A stored key is tested only where the account sends it, and only if it was saved for that.
  const storedKey = async (account: AccountConfig, moved: string[]) => {
    if (moved.length > 0) throw redirectRefused(account, moved, 'test');
    const ref = { exchangeId: account.exchangeId, accountId: account.id };
    if (account.source === 'env') return deps.envSecrets.get(ref);
    const found = deps.keychain ? await keychainCall(() => deps.keychain!.get(ref)) : null;
    if (found?.endpoint && found.endpoint !== endpointBinding(account)) throw boundKeyError(ref, account);
    return found;
  };

  return {
    config: () => state.config,
    get: view,
    update: (patch) => serial(async () => {
      const { settings, databasePassword } = applySettingsPatch(state.settings, patch);
      if (databasePassword !== null && settings.database.mode === 'external') {
        await keychainCall(() => storeDatabasePassword(deps.keychain, settings.database.mode === 'external' ? settings.database.url : '', databasePassword));
        state.databasePasswordStored = true;
      }
      await commit(settings);
      return view();
    }),
    async listAccounts() {
      const registered = await (deps.registry?.list() ?? Promise.resolve([])).catch((e: unknown) => {
        deps.warn('the shared account list could not be read; showing this machine\'s accounts', { message: String((e as Error).message) });
        return [];
      });
      const { local, elsewhere } = mergeWithRegistry(state.config.accounts, registered);
      const [accounts, kc] = await Promise.all([accountViews(local, { env: deps.envSecrets, keychain: deps.keychain }), keychain.state()]);
      return { accounts: [...accounts, ...elsewhere.map(databaseAccountView)], keychain: kc };
    },
    saveAccount: (raw) => serial(async () => {
      const input = withCheckedUrls(raw);
      const ref: AccountRef = { exchangeId: input.exchangeId, accountId: input.id };
      const current = find(input.exchangeId, input.id);
      const stored = state.settings.accounts.find((a) => a.exchangeId === input.exchangeId && a.id === input.id);
      if (current?.source === 'env' && input.credentials !== undefined) throw envOwned(current);
      // The fields that say where the key goes change only together with the key (never for an env account).
      const moved = current ? changedEndpointFields(input, current) : [];
      if (current && moved.length > 0 && (current.source === 'env' || input.credentials === undefined)) throw redirectRefused(current, moved, 'save');
      if (!current && !input.credentials) {
        throw configError(`A new ${input.exchangeId} account needs its API key and secret`, 'Enter the read-only API key and secret of the account.');
      }
      const { credentials, exchangeId, id, ...fields } = input;
      if (credentials) checkPassphrase(exchangeId, credentials, 'save');
      const account = accountSettingsSchema.safeParse({ ...(stored ?? { exchangeId, id }), ...definedOnly(fields) });
      if (!account.success) {
        const issue = account.error.issues[0];
        throw configError(`The account field ${issue?.path.join('.') || 'account'} is not valid: ${issue?.message ?? 'invalid value'}`, 'Correct that value and save again; nothing was changed.');
      }
      if (account.data.testnet && account.data.demo) throw configError('An account is on mainnet, testnet or demo trading, not two at once', 'Turn testnet or demo trading off.');
      const accounts = stored
        ? state.settings.accounts.map((a) => (a === stored ? account.data : a))
        : [...state.settings.accounts, account.data];
      const next = validateSettings({ ...state.settings, accounts });
      // Saving an account that was removed (here or on another machine) brings it and its kept history back.
      await deps.registry?.restore({ exchangeId, account: id });
      let restore: (() => Promise<unknown>) | null = null;
      if (credentials !== undefined) {
        const store = writableKeychain();
        // What to put back if saving fails; a key that could not be read is left alone rather than deleted.
        const previous = await keychainCall(() => store.get(ref)).then((value) => ({ value }), () => null);
        // The key is bound to where the saved account (env overrides applied) will send it.
        const after = buildAppConfig(next, deps.envOverrides, deps.paths).accounts.find((a) => a.exchangeId === exchangeId && a.id === id);
        const bound = credentials && after ? { ...credentials, endpoint: endpointBinding(after) } : credentials;
        await keychainCall<unknown>(() => (bound === null ? store.delete(ref) : store.set(ref, bound)));
        if (previous) restore = () => (previous.value ? store.set(ref, previous.value) : store.delete(ref));
      }
      try {
        await commit(next);
      } catch (e) {
        // The account was not saved: the keychain goes back to what it held.
        await restore?.().catch((err: unknown) => deps.warn('could not restore the previous key', { message: String(err) }));
        throw e;
      }
      const saved = find(exchangeId, id);
      const [viewed] = await accountViews(saved ? [saved] : [], { env: deps.envSecrets, keychain: deps.keychain });
      if (!viewed) throw new AppError('internal', 'The account was saved but cannot be read back', 'Reload the settings.');
      return viewed;
    }),
    removeAccount: (input) => serial(async () => {
      const current = find(input.exchangeId, input.id);
      const inSettings = state.settings.accounts.some((a) => a.exchangeId === input.exchangeId && a.id === input.id);
      if (current?.source === 'env' && !inSettings) throw envOwned(current);
      // The database first: the account leaves every total on every machine at once,
      // also one this machine only sees there (it has no key for it).
      const changed = await deps.registry?.remove({ exchangeId: input.exchangeId, account: input.id }, input.history) ?? false;
      if (!inSettings && !changed) return { removed: false, keyDeleted: false, history: null };
      if (inSettings) await commit(validateSettings({ ...state.settings, accounts: state.settings.accounts.filter((a) => !(a.exchangeId === input.exchangeId && a.id === input.id)) }));
      const ref = { exchangeId: input.exchangeId, accountId: input.id };
      // An account this machine only saw in the database has no key here.
      const keyDeleted = await (deps.keychain && inSettings ? keychainCall(() => deps.keychain!.delete(ref)) : Promise.resolve(false)).catch((e: unknown) => {
        deps.warn('the account was removed but its key could not be deleted from the keychain', { message: String((e as Error).message) });
        return false;
      });
      return { removed: true, keyDeleted, history: deps.registry ? (input.history === 'delete' ? 'deleted' : 'kept') : null };
    }),
    async testAccount(raw) {
      const input = withCheckedUrls(raw);
      const current = find(input.exchangeId, input.id);
      const wanted = endpointOfInput(input, current);
      const fields = accountSettingsSchema.safeParse({ exchangeId: input.exchangeId, id: input.id, ...wanted });
      if (!fields.success) {
        const issue = fields.error.issues[0];
        throw configError(`The account field ${issue?.path.join('.') || 'account'} is not valid: ${issue?.message ?? 'invalid value'}`, 'Correct that value and test again.');
      }
      const credentials = input.credentials ?? (current ? await storedKey(current, changedEndpointFields(input, current)) : null);
      if (!credentials) {
        throw configError(`No API key is stored for ${input.exchangeId} account "${input.id}"`, 'Enter the API key and secret to test them.');
      }
      checkPassphrase(input.exchangeId, credentials, 'test');
      const a = fields.data;
      return deps.testConnection({ exchangeId: a.exchangeId, accountId: a.id, testnet: a.testnet, demo: a.demo, apiUrl: a.apiUrl, testnetApiUrl: a.testnetApiUrl, credentials });
    },
    keychainState: (refresh) => keychain.state(refresh),
  };
}

const sameAccount = (a: AccountConfig, r: RegisteredAccount) => a.exchangeId === r.exchangeId && a.id === r.account;

/** This machine's accounts not removed in the database, and the database's active accounts this machine does not have. */
export function mergeWithRegistry(configured: readonly AccountConfig[], registered: readonly RegisteredAccount[]): { local: AccountConfig[]; elsewhere: RegisteredAccount[] } {
  return {
    local: configured.filter((a) => !registered.some((r) => r.removedAt !== null && sameAccount(a, r))),
    elsewhere: registered.filter((r) => r.removedAt === null && !configured.some((a) => sameAccount(a, r))),
  };
}

function databaseAccountView(r: RegisteredAccount): AccountView {
  return {
    exchangeId: r.exchangeId, id: r.account, label: r.label, enabled: true, testnet: r.testnet, demo: r.demo,
    apiUrl: null, testnetApiUrl: null, source: 'database', key: { location: 'none', hint: null },
  };
}

function envOwned(a: AccountConfig): AppError {
  const p = envPrefix(a.exchangeId);
  return configError(`The ${a.exchangeId} account "${a.id}" takes its key from ${p}_API_KEY and ${p}_API_SECRET`, 'Change or unset those environment variables and restart the app.');
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A key of an exchange that signs with a passphrase is refused without one, naming the field. */
function checkPassphrase(exchangeId: string, credentials: { password?: string }, action: 'save' | 'test'): void {
  if (!needsPassphrase(exchangeId) || (credentials.password ?? '').trim() !== '') return;
  throw configError(`The ${exchangeName(exchangeId)} key needs its passphrase`, `Enter the passphrase chosen when the API key was created, then ${action} again.`);
}
