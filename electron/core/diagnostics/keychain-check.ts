import { randomBytes } from 'node:crypto';
import type { AccountConfig } from '../config/app-config.js';
import { noKeychainAdvice } from '../../../shared/format/keychain-advice.js';
import { maskKey, type SecretStore } from '../secrets/secret-store.js';
import { fail, pass, skip, warn, type CheckDefinition, type CheckOutcome } from './check-types.js';

/** What a write/read/delete canary found (keytar-store's `keychainCanary` gives this shape). */
export interface KeychainCanaryOutcome {
  ok: boolean;
  /** Where it failed: 'write', 'read' or 'delete'. */
  stage?: string | null;
  /** false: entries vanish at logout (an in-memory session keyring); null: cannot tell. */
  persistent?: boolean | null;
  error?: { message: string; recommendation: string } | null;
}

/**
 * What a keychain adapter can tell diagnostics beyond the {@link SecretStore} calls.
 * Every method is optional: without a canary the check writes, reads back and deletes
 * a throw-away entry through the store itself.
 */
export interface KeychainProbe {
  /** Whether the OS keychain service exists at all (libsecret and a Secret Service on Linux). */
  available?(): Promise<{ ok: boolean; detail?: string }>;
  /** Whether it is unlocked; null when the platform cannot tell without prompting the user. */
  unlocked?(): Promise<boolean | null>;
  /** Writes, reads back and deletes a throw-away secret; never throws. */
  canary?(): Promise<KeychainCanaryOutcome>;
}

/** The keychain the app is configured with, if any. */
export interface KeychainTarget {
  store: SecretStore;
  probe?: KeychainProbe;
}

/** What the keychain check reads. */
export interface KeychainCheckDeps {
  keychain: KeychainTarget | null;
  /** Every store credentials are read from, in the sync's order (environment first). */
  stores: readonly SecretStore[];
  accounts: readonly AccountConfig[];
  platform: NodeJS.Platform;
}

const CANARY_EXCHANGE = 'alphapulse-canary';
const LOCKED = /locked|interaction (is )?not allowed|user (canceled|cancelled)|-25308|-128|no unlock/i;

/** Available, unlocked, a write/read/delete canary; which accounts take their key from where. */
export function keychainCheck(deps: KeychainCheckDeps): CheckDefinition {
  return { id: 'keychain', account: null, title: 'Keychain', run: () => checkKeychain(deps) };
}

/**
 * With no account yet, a keychain that does not work is the first thing a new user runs
 * into ("Save" fails after "Test" passed): say so up front, with what works instead.
 */
async function checkKeychain(deps: KeychainCheckDeps): Promise<CheckOutcome> {
  const outcome = await probeKeychain(deps);
  if (deps.accounts.length > 0 || outcome.status !== 'fail') return outcome;
  return warn(`No account yet, and an API key entered in the dashboard could not be saved here: ${outcome.detail}`, noKeychainAdvice(deps.platform), outcome.data);
}

async function probeKeychain(deps: KeychainCheckDeps): Promise<CheckOutcome> {
  const accounts = await Promise.all(deps.accounts.map(async (a) => {
    const ref = { exchangeId: a.exchangeId, accountId: a.id };
    // In the sync's order: an account served by the environment never touches the keychain.
    for (const store of deps.stores) {
      const found = await store.get(ref).catch(() => null);
      if (found) return { account: `${a.exchangeId}/${a.id}`, source: store.kind, keyHint: maskKey(found.apiKey) };
    }
    return { account: `${a.exchangeId}/${a.id}`, source: null, keyHint: null };
  }));
  const envAccounts = accounts.filter((a) => a.source === 'environment').map((a) => a.account);
  const relying = accounts.filter((a) => a.source !== 'environment').map((a) => a.account);
  if (!deps.keychain) {
    return skip('Not used: credentials come from the environment', { configured: false, accounts, accountsWithEnvCredentials: envAccounts });
  }
  if (relying.length === 0 && accounts.length > 0) {
    // Probing an unused keychain could raise an unlock prompt, or fail on a server without one.
    return skip('Not used: credentials come from the environment', { configured: true, kind: deps.keychain.store.kind, accounts, accountsWithEnvCredentials: envAccounts });
  }
  const { store, probe } = deps.keychain;
  const data: Record<string, unknown> = { configured: true, kind: store.kind, available: null, unlocked: null, canary: null, persistent: null, accounts, accountsWithEnvCredentials: envAccounts };
  const advice = unavailableAdvice(deps.platform);
  let outcome: KeychainCanaryOutcome;
  try {
    const available = probe?.available ? await probe.available() : { ok: true };
    data.available = available.ok;
    if (!available.ok) return fail(`The system keychain is not available${available.detail ? `: ${available.detail}` : ''}`, advice, data);
    data.unlocked = probe?.unlocked ? await probe.unlocked() : null;
    if (data.unlocked === false) return fail('The system keychain is locked', lockedAdvice(deps.platform), data);
    outcome = probe?.canary ? await probe.canary() : await canary(store);
  } catch (e) {
    outcome = { ok: false, stage: null, error: { message: e instanceof Error ? e.message : String(e), recommendation: advice } };
  }
  data.canary = outcome.ok ? 'ok' : `failed${outcome.stage ? ` at ${outcome.stage}` : ''}`;
  data.persistent = outcome.persistent ?? null;
  if (!outcome.ok) {
    const message = outcome.error?.message ?? 'unknown failure';
    if (LOCKED.test(message)) {
      data.unlocked = false;
      return fail(`The system keychain refused access (locked or access denied): ${message}`, lockedAdvice(deps.platform), data);
    }
    return fail(`The system keychain did not store and return a test entry: ${message}`, outcome.error?.recommendation || advice, data);
  }
  const missing = accounts.filter((a) => a.source === null).map((a) => a.account);
  if (outcome.persistent === false) {
    return warn('The keychain works, but keeps entries in memory only: stored keys vanish at logout',
      'Use a persistent keyring (set a password on the "login" collection in Seahorse or KWallet) so keys survive a restart.', data);
  }
  const inKeychain = accounts.filter((a) => a.source === store.kind).length;
  return pass(`Keychain works (write, read and delete of a test entry); ${inKeychain} account key(s) stored there${envAccounts.length ? `, ${envAccounts.length} from the environment` : ''}${missing.length ? `; no key stored for ${missing.join(', ')}` : ''}`, data);
}

/** Through the store itself: what the app does when a key is saved and read. */
async function canary(store: SecretStore): Promise<KeychainCanaryOutcome> {
  const ref = { exchangeId: CANARY_EXCHANGE, accountId: `canary-${randomBytes(4).toString('hex')}` };
  const value = { apiKey: `canary-${randomBytes(8).toString('hex')}`, secret: randomBytes(16).toString('hex') };
  let stage = 'write';
  try {
    await store.set(ref, value);
    stage = 'read';
    const back = await store.get(ref);
    if (back?.apiKey !== value.apiKey || back.secret !== value.secret) throw new Error('the entry read back differs from the one written');
    stage = 'delete';
    await store.delete(ref);
    return { ok: true, stage: null, persistent: null, error: null };
  } catch (e) {
    if (stage === 'read') await store.delete(ref).catch(() => false);
    return { ok: false, stage, persistent: null, error: { message: e instanceof Error ? e.message : String(e), recommendation: '' } };
  }
}

function unavailableAdvice(platform: NodeJS.Platform): string {
  if (platform === 'linux') return 'Install and start a Secret Service keyring (GNOME Keyring or KWallet, with libsecret), log in to a desktop session, or give the API key through BYBIT_API_KEY / BYBIT_API_SECRET instead.';
  if (platform === 'darwin') return 'Open Keychain Access and check the login keychain (Keychain First Aid), or give the API key through environment variables instead.';
  return 'Check Windows Credential Manager (Control Panel › Credential Manager), or give the API key through environment variables instead.';
}

function lockedAdvice(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Unlock the login keychain (Keychain Access › File › Unlock) and allow AlphaPulse Sync when asked.';
  if (platform === 'linux') return 'Unlock the login keyring (log out and in again, or unlock it in Seahorse / KWallet Manager).';
  return 'Sign in to Windows again so Credential Manager is available, then retry.';
}
