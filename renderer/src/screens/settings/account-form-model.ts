import type { ApiInput } from '../../../../shared/api.js';
import type { AccountView } from '../../../../shared/domain.js';

/**
 * The account form as plain data: validation mirrors shared/api.ts so mistakes show
 * beside the field before a round trip. Credentials are write-only: never prefilled,
 * and when editing, blank means "keep the stored key".
 */
export interface AccountFormValues {
  exchangeId: string;
  id: string;
  label: string;
  apiKey: string;
  secret: string;
  password: string;
  testnet: boolean;
  demo: boolean;
  apiUrl: string;
  enabled: boolean;
}

export type AccountFormMode = 'create' | 'edit';
export type AccountFormErrors = Partial<Record<keyof AccountFormValues | 'credentials', string>>;

/** Exchanges whose API keys come with a passphrase (ccxt's `password`). */
const PASSPHRASE_EXCHANGES: ReadonlySet<string> = new Set(['okx', 'kucoin', 'kucoinfutures', 'bitget', 'coinbaseexchange', 'coinbaseinternational', 'bitmart']);

export function needsPassphrase(exchangeId: string): boolean {
  return PASSPHRASE_EXCHANGES.has(exchangeId.trim().toLowerCase());
}

export function emptyAccountForm(): AccountFormValues {
  return { exchangeId: 'bybit', id: 'default', label: '', apiKey: '', secret: '', password: '', testnet: false, demo: false, apiUrl: '', enabled: true };
}

/** An existing account in the form; the key fields stay empty (the key never reaches the window). */
export function accountToForm(a: AccountView): AccountFormValues {
  return { exchangeId: a.exchangeId, id: a.id, label: a.label ?? '', apiKey: '', secret: '', password: '', testnet: a.testnet, demo: a.demo, apiUrl: a.apiUrl ?? '', enabled: a.enabled };
}

const EXCHANGE_ID = /^[a-z][a-z0-9]{1,31}$/;
const ACCOUNT_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

function keyPartError(value: string, what: string): string | undefined {
  const v = value.trim();
  if (v.length > 512) return `${what} is too long`;
  if (/\s/.test(v)) return `${what} contains white space`;
  return undefined;
}

function urlError(value: string): string | undefined {
  const v = value.trim();
  if (v === '') return undefined;
  if (v.length > 500) return 'The URL is too long';
  try {
    const u = new URL(v);
    return u.protocol === 'https:' || u.protocol === 'http:' ? undefined : 'Use an http:// or https:// address';
  } catch {
    return 'Not a URL, e.g. https://api.bybit.eu';
  }
}

/** Field errors; empty when the form can be sent. When editing, blank keys keep (and test) the stored key. */
export function validateAccountForm(v: AccountFormValues, mode: AccountFormMode): AccountFormErrors {
  const errors: AccountFormErrors = {};
  if (!EXCHANGE_ID.test(v.exchangeId.trim())) errors.exchangeId = 'An exchange id in lower case, such as “bybit”';
  if (!ACCOUNT_ID.test(v.id.trim())) errors.id = 'Letters, digits, “_”, “-” or “.” (at most 64)';
  if (v.label.trim().length > 80) errors.label = 'At most 80 characters';
  const key = v.apiKey.trim();
  const secret = v.secret.trim();
  const apiKeyError = keyPartError(v.apiKey, 'The API key');
  const secretError = keyPartError(v.secret, 'The API secret');
  if (apiKeyError) errors.apiKey = apiKeyError;
  if (secretError) errors.secret = secretError;
  if (mode === 'create' && !key) errors.apiKey ??= 'Enter the API key';
  if (mode === 'create' && !secret) errors.secret ??= 'Enter the API secret';
  if (mode === 'edit' && (key === '') !== (secret === '')) errors.credentials = 'To replace the key, enter both the key and the secret; leave both blank to keep the stored one';
  if (needsPassphrase(v.exchangeId) && key && !v.password.trim()) errors.password = 'This exchange needs the key’s passphrase';
  const passwordError = v.password.trim() ? keyPartError(v.password, 'The passphrase') : undefined;
  if (passwordError) errors.password = passwordError;
  if (v.testnet && v.demo) errors.demo = 'Choose testnet or demo trading, not both';
  const apiUrlError = urlError(v.apiUrl);
  if (apiUrlError) errors.apiUrl = apiUrlError;
  return errors;
}

export function hasErrors(errors: AccountFormErrors): boolean {
  return Object.keys(errors).length > 0;
}

function credentials(v: AccountFormValues): { apiKey: string; secret: string; password?: string } | undefined {
  const apiKey = v.apiKey.trim();
  const secret = v.secret.trim();
  if (!apiKey || !secret) return undefined;
  const password = v.password.trim();
  return password ? { apiKey, secret, password } : { apiKey, secret };
}

function common(v: AccountFormValues) {
  return {
    exchangeId: v.exchangeId.trim(), id: v.id.trim(), label: v.label.trim() || null,
    testnet: v.testnet, demo: v.demo, apiUrl: v.apiUrl.trim() || null,
  };
}

/** What "Save" sends; credentials only when typed (left out, the stored key stays). */
export function toSaveInput(v: AccountFormValues): ApiInput<'accounts:save'> {
  const creds = credentials(v);
  return { ...common(v), enabled: v.enabled, ...(creds ? { credentials: creds } : {}) };
}

/** What "Test connection" sends: the typed key, or none to test the stored one. */
export function toTestInput(v: AccountFormValues): ApiInput<'accounts:test'> {
  const creds = credentials(v);
  return { ...common(v), ...(creds ? { credentials: creds } : {}) };
}
