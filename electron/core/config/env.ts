import { configError } from '../errors.js';
import { ccxtExchangeIds, closestName } from './exchange-catalog.js';
import { parseExchangeBaseUrl } from './exchange-url.js';
import { exchangeIdSchema, LOG_LEVELS } from './settings-schema.js';

type Env = Readonly<Record<string, string | undefined>>;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What the environment says, already validated; `undefined` = not set. */
export interface EnvOverrides {
  exchanges: string[];
  intervalMinutes?: number;
  enabled?: boolean;
  logLevel?: LogLevel;
  perExchange: Record<string, ExchangeEnv>;
}

export interface ExchangeEnv {
  hasCredentials: boolean;
  testnet?: boolean;
  demo?: boolean;
  apiUrl?: string;
  testnetApiUrl?: string;
}

/** `BYBIT`, `KUCOIN`, …: the prefix of an exchange's variables. */
export const envPrefix = (exchangeId: string): string => exchangeId.toUpperCase();

/**
 * Reads the old module's variables, so its deployments keep working. Every bad value is a config error that
 * names the variable and what it expects; secrets are checked but never echoed.
 */
export function readEnvOverrides(env: Env, knownExchanges: () => readonly string[] = ccxtExchangeIds): EnvOverrides {
  const exchanges = parseExchanges(env.EXCHANGE_SYNC_EXCHANGES, knownExchanges);
  const out: EnvOverrides = { exchanges, perExchange: {} };
  const interval = env.EXCHANGE_SYNC_INTERVAL_MINUTES;
  if (interval !== undefined && interval.trim() !== '') out.intervalMinutes = parseInterval(interval);
  const enabled = env.EXCHANGE_SYNC_ENABLED;
  if (enabled !== undefined && enabled.trim() !== '') out.enabled = parseBool('EXCHANGE_SYNC_ENABLED', enabled);
  const level = env.EXCHANGE_SYNC_LOG_LEVEL;
  if (level !== undefined && level.trim() !== '') out.logLevel = parseLevel(level);
  for (const id of exchanges) out.perExchange[id] = readExchangeEnv(env, id);
  return out;
}

function parseExchanges(raw: string | undefined, knownExchanges: () => readonly string[]): string[] {
  if (raw === undefined || raw.trim() === '') return ['bybit'];
  const ids = raw.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  for (const id of ids) {
    if (!exchangeIdSchema.safeParse(id).success) {
      throw configError(`EXCHANGE_SYNC_EXCHANGES has "${id.slice(0, 40)}", which is not an exchange id`, 'Use ccxt exchange ids separated by commas, e.g. EXCHANGE_SYNC_EXCHANGES=bybit');
    }
  }
  // Unknown ids fail here, not later as "no account is configured".
  const known = knownExchanges();
  for (const id of ids) {
    if (known.includes(id)) continue;
    const near = closestName(id, known);
    throw configError(`EXCHANGE_SYNC_EXCHANGES has "${id}", which is not an exchange ccxt knows${near ? ` (did you mean "${near}"?)` : ''}`,
      `Use ccxt exchange ids separated by commas, e.g. EXCHANGE_SYNC_EXCHANGES=${near ?? 'bybit'}`);
  }
  return [...new Set(ids)];
}

function parseInterval(raw: string): number {
  const n = /^\s*\d+\s*$/.test(raw) ? Number.parseInt(raw, 10) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > 1440) {
    throw configError(`EXCHANGE_SYNC_INTERVAL_MINUTES must be a whole number of minutes from 1 to 1440, not "${raw}"`, 'Set it to e.g. 30, or unset it for the default of 30 minutes.');
  }
  return n;
}

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off']);

function parseBool(name: string, raw: string): boolean {
  const v = raw.trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  throw configError(`${name} must be true or false, not "${raw}"`, `Set ${name}=true or ${name}=false.`);
}

function parseLevel(raw: string): LogLevel {
  const v = raw.trim().toLowerCase();
  const mapped = v === 'warning' ? 'warn' : v === 'critical' ? 'error' : v;
  if ((LOG_LEVELS as readonly string[]).includes(mapped)) return mapped as LogLevel;
  throw configError(`EXCHANGE_SYNC_LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, not "${raw}"`, 'Set EXCHANGE_SYNC_LOG_LEVEL=INFO, or unset it.');
}

function parseUrl(name: string, raw: string | undefined): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  return parseExchangeBaseUrl(raw, name);
}

function readExchangeEnv(env: Env, id: string): ExchangeEnv {
  const p = envPrefix(id);
  const key = env[`${p}_API_KEY`];
  const secret = env[`${p}_API_SECRET`];
  checkSecretShape(`${p}_API_KEY`, key);
  checkSecretShape(`${p}_API_SECRET`, secret);
  if (env[`${p}_API_PASSWORD`] !== '') checkSecretShape(`${p}_API_PASSWORD`, env[`${p}_API_PASSWORD`]);
  const hasKey = key !== undefined && key !== '';
  const hasSecret = secret !== undefined && secret !== '';
  if (hasKey !== hasSecret) {
    const missing = hasKey ? `${p}_API_SECRET` : `${p}_API_KEY`;
    throw configError(`${missing} is not set, but its partner is`, `Set both ${p}_API_KEY and ${p}_API_SECRET, or neither.`);
  }
  if (hasKey) checkPassphrase(env, id);
  const out: ExchangeEnv = { hasCredentials: hasKey };
  const testnet = env[`${p}_TESTNET`];
  if (testnet !== undefined && testnet.trim() !== '') out.testnet = parseBool(`${p}_TESTNET`, testnet);
  const demo = env[`${p}_DEMO`];
  if (demo !== undefined && demo.trim() !== '') out.demo = parseBool(`${p}_DEMO`, demo);
  if (out.testnet && out.demo) throw configError(`${p}_TESTNET and ${p}_DEMO are both on`, 'An account is on mainnet, testnet or demo trading: turn one of them off.');
  const apiUrl = parseUrl(`${p}_API_URL`, env[`${p}_API_URL`]);
  if (apiUrl) out.apiUrl = apiUrl;
  const testnetApiUrl = parseUrl(`${p}_TESTNET_API_URL`, env[`${p}_TESTNET_API_URL`]);
  if (testnetApiUrl) out.testnetApiUrl = testnetApiUrl;
  return out;
}

/** Exchanges whose keys come with a passphrase, which every signed request carries. */
const NEEDS_PASSPHRASE = new Set(['okx']);

/** Whether this exchange's keys need a passphrase beside key and secret (OKX). */
export const needsPassphrase = (exchangeId: string): boolean => NEEDS_PASSPHRASE.has(exchangeId);

function checkPassphrase(env: Env, id: string): void {
  if (!NEEDS_PASSPHRASE.has(id)) return;
  const name = `${envPrefix(id)}_API_PASSWORD`;
  const value = env[name];
  if (value === undefined || value.trim() === '') {
    throw configError(`${name} is not set, but ${envPrefix(id)} keys need their passphrase`, `Set ${name} to the passphrase chosen when the API key was created (not the account's login password).`);
  }
}

/** Keys pasted with a stray space or newline fail as "invalid key" at the exchange; say so here. */
function checkSecretShape(name: string, value: string | undefined): void {
  if (value === undefined) return;
  if (value.trim() === '') throw configError(`${name} is set but empty`, `Put the value in ${name}, or unset it.`);
  if (value !== value.trim()) throw configError(`${name} has spaces or line breaks around it`, `Remove the white space around the value of ${name} (a copy-paste often adds it).`);
  if (/\s/.test(value)) throw configError(`${name} contains white space`, `Check the value of ${name}: API keys and secrets have no spaces.`);
  // A request header carries the key: anything beyond printable ASCII fails there, with a cryptic message.
  if (!PRINTABLE_ASCII.test(value)) throw configError(`${name} has characters that are not ASCII letters, digits or punctuation`, `Copy the value of ${name} again from the exchange's API page: keys and secrets are plain ASCII.`);
}

const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;
