import { describe, expect, it } from 'vitest';
import type { AccountConfig, AppConfig } from '../../../electron/core/config/app-config.js';
import { defaultSettings } from '../../../electron/core/config/settings-schema.js';
import { keychainCheck, type KeychainProbe } from '../../../electron/core/diagnostics/keychain-check.js';
import { settingsCheck } from '../../../electron/core/diagnostics/settings-check.js';
import type { Credentials, SecretStore } from '../../../electron/core/secrets/secret-store.js';

const ACCOUNT: AccountConfig = { exchangeId: 'bybit', id: 'default', label: null, enabled: true, testnet: false, demo: false, apiUrl: null, testnetApiUrl: null, source: 'settings' };

function memoryStore(kind: string, entries: Record<string, Credentials> = {}): SecretStore & { entries: Record<string, Credentials> } {
  return {
    kind, entries,
    get: async (ref) => entries[`${ref.exchangeId}:${ref.accountId}`] ?? null,
    set: async (ref, c) => { entries[`${ref.exchangeId}:${ref.accountId}`] = c; },
    delete: async (ref) => delete entries[`${ref.exchangeId}:${ref.accountId}`],
  };
}

const KEY = { apiKey: 'KEYCHAINKEY0000abcd', secret: 'keychain-secret-0000000000' };

describe('keychain check', () => {
  const run = (keychain: Parameters<typeof keychainCheck>[0]['keychain'], stores: SecretStore[]) =>
    keychainCheck({ keychain, stores, accounts: [ACCOUNT], platform: 'linux' }).run();

  it('skips when no keychain is configured, listing the accounts on env credentials', async () => {
    const env = memoryStore('environment', { 'bybit:default': KEY });
    const o = await run(null, [env]);
    expect(o).toMatchObject({ status: 'skip', detail: 'Not used: credentials come from the environment', data: { configured: false, accountsWithEnvCredentials: ['bybit/default'] } });
  });

  it('does not touch a configured keychain that no account needs', async () => {
    const env = memoryStore('environment', { 'bybit:default': KEY });
    const keychain = memoryStore('keychain');
    keychain.get = async () => { throw new Error('must not be asked'); };
    const o = await run({ store: keychain }, [env, keychain]);
    expect(o).toMatchObject({ status: 'skip', data: { configured: true } });
  });

  it('passes a write/read/delete canary through the store and leaves nothing behind', async () => {
    const keychain = memoryStore('keychain', { 'bybit:default': KEY });
    const o = await run({ store: keychain }, [memoryStore('environment'), keychain]);
    expect(o).toMatchObject({ status: 'pass', data: { canary: 'ok', accounts: [{ account: 'bybit/default', source: 'keychain', keyHint: '…abcd' }] } });
    expect(Object.keys(keychain.entries)).toEqual(['bybit:default']);
    expect(JSON.stringify(o)).not.toContain(KEY.secret);
  });

  it('fails a locked keychain with unlock advice', async () => {
    const keychain = memoryStore('keychain');
    const probe: KeychainProbe = { canary: async () => ({ ok: false, stage: 'write', error: { message: 'The keychain is locked (saving a key)', recommendation: 'Unlock it.' } }) };
    const o = await run({ store: keychain, probe }, [memoryStore('environment'), keychain]);
    expect(o).toMatchObject({ status: 'fail', data: { canary: 'failed at write', unlocked: false } });
    expect(o.recommendation).toMatch(/Unlock/);
  });

  it('fails an unavailable keychain and warns about one that forgets at logout', async () => {
    const keychain = memoryStore('keychain');
    const down = await run({ store: keychain, probe: { available: async () => ({ ok: false, detail: 'no Secret Service' }) } }, [keychain]);
    expect(down).toMatchObject({ status: 'fail', data: { available: false } });
    expect(down.recommendation).toMatch(/GNOME Keyring/);
    const session = await run({ store: keychain, probe: { canary: async () => ({ ok: true, persistent: false }) } }, [keychain]);
    expect(session).toMatchObject({ status: 'warn', data: { persistent: false } });
  });

  it('with no account yet, says before any key is typed that none could be saved here, and what works instead', async () => {
    const keychain = memoryStore('keychain');
    const probe: KeychainProbe = { canary: async () => ({ ok: false, stage: 'write', error: { message: 'No keychain service is running (saving a key)', recommendation: '' } }) };
    const o = await keychainCheck({ keychain: { store: keychain, probe }, stores: [memoryStore('environment'), keychain], accounts: [], platform: 'linux' }).run();
    expect(o.status).toBe('warn');
    expect(o.detail).toMatch(/^No account yet, and an API key entered in the dashboard could not be saved here: .*No keychain service is running/);
    expect(o.recommendation).toContain('BYBIT_API_KEY=… BYBIT_API_SECRET=… npx alphapulse-sync serve');
    expect(o.recommendation).toContain('gnome-keyring-daemon --unlock');
    expect(o.recommendation).toContain('never written to a plain file');
  });
});

describe('settings check', () => {
  const config = (over: Partial<AppConfig> = {}): AppConfig => ({
    paths: { dataDir: '/nonexistent/data', logDir: '/nonexistent/data/logs', settingsFile: '/nonexistent/data/settings.json' },
    logLevel: 'info', sync: { enabled: true, intervalMinutes: 30 }, accounts: [ACCOUNT], settings: defaultSettings(), ...over,
  });
  const run = (cfg: AppConfig, state: { recovered?: { movedTo: string; reason: string } | null; readError?: string | null } = {}, writable = true, env: Record<string, string> = {}) =>
    settingsCheck({ config: cfg, env, settings: { file: cfg.paths.settingsFile, recovered: state.recovered ?? null, readError: state.readError ?? null }, isWritable: async () => writable }).run();

  it('passes valid settings and lists the variables set (names only)', async () => {
    const o = await run(config(), {}, true, { BYBIT_API_SECRET: 'shh-0000000000', DATABASE_URL: 'postgres://u:p@h/d' });
    expect(o).toMatchObject({ status: 'pass', data: { valid: true, intervalMinutes: 30, envOverrides: ['DATABASE_URL', 'BYBIT_API_SECRET'] } });
    expect(JSON.stringify(o)).not.toContain('shh-0000000000');
  });

  it('warns about a recovered (corrupt) settings file and names where it went', async () => {
    const o = await run(config(), { recovered: { movedTo: '/d/settings.corrupt-x.json', reason: 'not valid JSON' } });
    expect(o).toMatchObject({ status: 'warn', data: { valid: false } });
    expect(o.detail).toContain('not valid JSON');
    expect(o.recommendation).toContain('/d/settings.corrupt-x.json');
  });

  it('warns when no account is configured, fails an unreadable file, an unwritable folder, testnet + demo', async () => {
    expect((await run(config({ accounts: [] }))).status).toBe('warn');
    expect((await run(config(), { readError: 'EACCES' })).status).toBe('fail');
    expect((await run(config(), {}, false))).toMatchObject({ status: 'fail', data: { dataDirWritable: false } });
    expect((await run(config({ accounts: [{ ...ACCOUNT, testnet: true, demo: true }] }))).status).toBe('fail');
  });

  it('warns about an unencrypted exchange URL that is not loopback, and about values out of range', async () => {
    expect((await run(config({ accounts: [{ ...ACCOUNT, apiUrl: 'http://api.example.com' }] }))).status).toBe('warn');
    expect((await run(config({ accounts: [{ ...ACCOUNT, apiUrl: 'http://127.0.0.1:18080' }] }))).status).toBe('pass');
    const broken = { ...defaultSettings(), sync: { enabled: true, intervalMinutes: 0 } };
    const o = await run(config({ settings: broken }));
    expect(o.status).toBe('warn');
    expect(o.detail).toMatch(/sync\.intervalMinutes/);
  });
});
