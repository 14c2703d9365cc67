import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppErrorInfo } from '../../../shared/domain.js';
import { AppError } from '../errors.js';
import type { AccountRef, Credentials, SecretStore } from './secret-store.js';

/** The keychain entries' service name; each account is `<exchange>:<account-id>`. */
export const KEYCHAIN_SERVICE = 'AlphaPulse Sync';

/** The part of keytar this adapter uses. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface KeytarStoreOptions {
  /** Another service name keeps tests away from the user's real entries. */
  service?: string;
  /** Loads keytar; the default imports it on first use, so the CLI never loads the native module unless a key is needed. */
  load?: () => Promise<KeytarApi>;
  /** Longest one keychain call may take; an unlock prompt the user ignores must not hang a sync. */
  timeoutMs?: number;
}

const storedSchema = z.object({ apiKey: z.string().min(1), secret: z.string().min(1), password: z.string().min(1).optional(), endpoint: z.string().min(1).optional() });

const ENV_ADVICE = 'Or start the app with the key in environment variables ({EXCHANGE}_API_KEY and {EXCHANGE}_API_SECRET, e.g. BYBIT_API_KEY); keys are never written to a plain file instead.';

/**
 * API keys in the OS keychain through keytar (macOS Keychain, Windows Credential
 * Manager, the Secret Service on Linux). The value is JSON of {apiKey, secret, password?}.
 * Every failure is an AppError of class 'keychain' that says what to do.
 */
export function createKeytarStore(opts: KeytarStoreOptions = {}): SecretStore {
  const service = opts.service ?? KEYCHAIN_SERVICE;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const load = opts.load ?? defaultLoad;
  let loading: Promise<KeytarApi> | null = null;
  const keytar = (): Promise<KeytarApi> => {
    // A failed load is not cached: installing the missing library must not need a restart.
    loading ??= load().catch((e: unknown) => {
      loading = null;
      throw new AppError('keychain', 'Keychain support could not be loaded on this computer', `Reinstall AlphaPulse Sync. ${ENV_ADVICE}`, { cause: e });
    });
    return loading;
  };
  const call = async <T>(what: string, fn: (k: KeytarApi) => Promise<T>): Promise<T> => {
    const k = await keytar();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AppError('keychain', `The keychain did not answer within ${Math.round(timeoutMs / 1000)} s (${what})`,
        `Unlock the keychain (an unlock prompt may be waiting) and try again. ${ENV_ADVICE}`)), timeoutMs);
    });
    try {
      return await Promise.race([fn(k), timedOut]);
    } catch (e) {
      throw e instanceof AppError ? e : classifyKeychainError(e, what);
    } finally {
      clearTimeout(timer);
    }
  };
  const account = (ref: AccountRef) => `${ref.exchangeId}:${ref.accountId}`;
  return {
    kind: 'keychain',
    async get(ref) {
      const raw = await call('reading a key', (k) => k.getPassword(service, account(ref)));
      if (raw === null) return null;
      const parsed = storedSchema.safeParse(parseJson(raw));
      if (!parsed.success) {
        throw new AppError('keychain', `The keychain entry of ${account(ref)} is not a key AlphaPulse Sync wrote`, 'Enter the API key and secret of this account again in Settings.');
      }
      return parsed.data;
    },
    async set(ref, credentials) {
      const value: Credentials = {
        apiKey: credentials.apiKey, secret: credentials.secret,
        ...(credentials.password ? { password: credentials.password } : {}), ...(credentials.endpoint ? { endpoint: credentials.endpoint } : {}),
      };
      await call('saving a key', (k) => k.setPassword(service, account(ref), JSON.stringify(value)));
    },
    async delete(ref) {
      return call('deleting a key', (k) => k.deletePassword(service, account(ref)));
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

async function defaultLoad(): Promise<KeytarApi> {
  const m = (await import('keytar')) as KeytarApi & { default?: KeytarApi };
  return m.default ?? m;
}

/** Turns keytar's platform messages into a keychain AppError (the message never holds a secret). */
export function classifyKeychainError(e: unknown, what: string): AppError {
  const raw = e instanceof Error ? e.message : String(e);
  const opts = { cause: e };
  if (/D-Bus|org\.freedesktop\.secrets|\.service files|DBUS_SESSION_BUS_ADDRESS/i.test(raw)) {
    return new AppError('keychain', `No keychain service is running (${what})`, `Install and start a Secret Service keyring (GNOME Keyring or KWallet) and log in to a desktop session. ${ENV_ADVICE}`, opts);
  }
  if (/locked|prompt|dismissed|Object does not exist|interaction is not allowed|passphrase|not correct|errSecAuthFailed|-25293|-25308/i.test(raw)) {
    return new AppError('keychain', `The keychain is locked (${what})`, `Unlock the keychain (log in again, or unlock it in the keyring manager) and try again. ${ENV_ADVICE}`, opts);
  }
  return new AppError('keychain', `The keychain refused the request (${what})`, `Check that the system keychain works (run the diagnostics). ${ENV_ADVICE}`, opts);
}

/** What the keychain canary found: the basis of the keychain diagnostic and the tray's warning. */
export interface KeychainCanaryResult {
  ok: boolean;
  /** The store that was tested, e.g. "keychain". */
  backend: string;
  /** false: entries vanish at logout (an in-memory "session" keyring); null: cannot tell here. */
  persistent: boolean | null;
  /** Where it failed, when it did. */
  stage: 'write' | 'read' | 'delete' | null;
  error: AppErrorInfo | null;
  elapsedMs: number;
}

export interface CanaryOptions {
  now?: () => number;
  /** Whether stored entries survive a logout; the default asks the Secret Service on Linux. */
  persistence?: () => Promise<boolean | null>;
}

/**
 * Writes a throw-away entry, reads it back and deletes it: the only way to know that the
 * keychain works, is unlocked and keeps what it is given. Never throws.
 */
export async function keychainCanary(store: SecretStore, opts: CanaryOptions = {}): Promise<KeychainCanaryResult> {
  const now = opts.now ?? Date.now;
  const started = now();
  const ref: AccountRef = { exchangeId: 'alphapulse-canary', accountId: randomUUID() };
  const probe: Credentials = { apiKey: `canary-${randomBytes(6).toString('hex')}`, secret: randomBytes(12).toString('hex') };
  const result = (stage: KeychainCanaryResult['stage'], error: AppErrorInfo | null, persistent: boolean | null): KeychainCanaryResult =>
    ({ ok: error === null, backend: store.kind, persistent, stage, error, elapsedMs: now() - started });
  let stage: 'write' | 'read' | 'delete' = 'write';
  try {
    await store.set(ref, probe);
    stage = 'read';
    const back = await store.get(ref);
    if (back?.apiKey !== probe.apiKey || back.secret !== probe.secret) {
      await store.delete(ref).catch(() => false);
      return result('read', { errorClass: 'keychain', message: 'The keychain did not give back what was stored in it', recommendation: `Check the system keychain (run the diagnostics). ${ENV_ADVICE}` }, null);
    }
    stage = 'delete';
    await store.delete(ref);
    if ((await store.get(ref)) !== null) {
      return result('delete', { errorClass: 'keychain', message: 'The keychain kept an entry it was asked to delete', recommendation: 'Check the system keychain; delete "alphapulse-canary" entries by hand.' }, null);
    }
  } catch (e) {
    const err = e instanceof AppError ? e : classifyKeychainError(e, `canary ${stage}`);
    return result(stage, err.toInfo(), null);
  }
  const persistent = await (opts.persistence ?? secretServicePersistence)().catch(() => null);
  return result(null, null, persistent);
}

/**
 * On Linux, asks the Secret Service which collection new entries go to: "session" (or
 * none) lives in memory only. Elsewhere the system keychain always persists.
 */
export function secretServicePersistence(platform: NodeJS.Platform = process.platform): Promise<boolean | null> {
  if (platform === 'darwin' || platform === 'win32') return Promise.resolve(true);
  if (platform !== 'linux') return Promise.resolve(null);
  return new Promise((resolve) => {
    execFile('gdbus', ['call', '--session', '--dest', 'org.freedesktop.secrets', '--object-path', '/org/freedesktop/secrets',
      '--method', 'org.freedesktop.Secret.Service.ReadAlias', 'default'], { timeout: 5000 }, (err, stdout) => {
      if (err) return resolve(null);
      const path = /objectpath '([^']*)'/.exec(stdout)?.[1];
      if (path === undefined) return resolve(null);
      resolve(path !== '/' && !path.endsWith('/session'));
    });
  });
}
