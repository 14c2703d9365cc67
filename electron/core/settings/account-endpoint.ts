import type { AccountConfig } from '../config/app-config.js';
import { envPrefix } from '../config/env.js';
import { canonicalBaseUrl, parseExchangeBaseUrl } from '../config/exchange-url.js';
import { configError, type AppError } from '../errors.js';
import type { EndpointFields } from '../secrets/endpoint-binding.js';

type EndpointInput = { exchangeId: string; id: string; testnet?: boolean | undefined; demo?: boolean | undefined; apiUrl?: string | null | undefined; testnetApiUrl?: string | null | undefined };

const URL_FIELDS = ['apiUrl', 'testnetApiUrl'] as const;
const ENDPOINT_FIELDS = ['testnet', 'demo', 'apiUrl', 'testnetApiUrl'] as const;

/**
 * The input with its URLs checked (https, or http on this computer; no user name or
 * password) and normalised. An empty URL means none.
 */
export function withCheckedUrls<T extends EndpointInput>(input: T): T {
  const out = { ...input };
  for (const field of URL_FIELDS) {
    const raw = input[field];
    if (raw === undefined || raw === null) continue;
    out[field] = raw.trim() === '' ? null : parseExchangeBaseUrl(raw, `The account field ${field}`);
  }
  return out;
}

/** The endpoint fields an input sets to something other than the account has now. */
export function changedEndpointFields(input: EndpointInput, current: EndpointFields): string[] {
  return ENDPOINT_FIELDS.filter((field) => {
    const given = input[field];
    if (given === undefined) return false;
    if (field === 'testnet' || field === 'demo') return given !== current[field];
    return canonicalBaseUrl(given as string | null) !== canonicalBaseUrl(current[field]);
  });
}

/** The endpoint fields of an input, the account's own where the input leaves one out. */
export function endpointOfInput(input: EndpointInput, current: EndpointFields | undefined): EndpointFields {
  return {
    testnet: input.testnet ?? current?.testnet ?? false,
    demo: input.demo ?? current?.demo ?? false,
    apiUrl: input.apiUrl !== undefined ? input.apiUrl : current?.apiUrl ?? null,
    testnetApiUrl: input.testnetApiUrl !== undefined ? input.testnetApiUrl : current?.testnetApiUrl ?? null,
  };
}

/**
 * The refusal when a call would send a stored key somewhere new: an environment account
 * never (its address is the environment's), a keychain account only with the key re-entered.
 */
export function redirectRefused(account: AccountConfig, fields: string[], what: 'save' | 'test'): AppError {
  const names = fields.join(', ');
  if (account.source === 'env') {
    const p = envPrefix(account.exchangeId);
    return configError(`The ${account.exchangeId} account "${account.id}" takes its key and address from the environment; ${names} cannot be changed here`,
      `Change ${p}_API_URL, ${p}_TESTNET_API_URL, ${p}_TESTNET or ${p}_DEMO and restart the app${what === 'test' ? ', or test with a key entered here' : ''}.`);
  }
  return configError(`Changing ${names} of the ${account.exchangeId} account "${account.id}" needs its API key and secret again`,
    `Enter the API key and secret together with the new address; the stored key is only sent where it was saved for.${what === 'save' ? ' Nothing was changed.' : ''}`);
}
