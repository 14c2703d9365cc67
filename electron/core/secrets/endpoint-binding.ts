import { canonicalBaseUrl } from '../config/exchange-url.js';
import { AppError } from '../errors.js';
import type { AccountRef, Credentials, SecretStore } from './secret-store.js';

/** The fields that decide where an account's signed requests go (the sync's and the diagnostics'). */
export interface EndpointFields {
  testnet: boolean;
  demo: boolean;
  apiUrl: string | null;
  testnetApiUrl: string | null;
}

/**
 * What a stored key is bound to: every field that decides where it may be sent, in one
 * canonical string. A key is used only while the account still has exactly these.
 */
export function endpointBinding(f: EndpointFields): string {
  const network = f.testnet ? 'testnet' : f.demo ? 'demo' : 'mainnet';
  return JSON.stringify([network, canonicalBaseUrl(f.apiUrl), canonicalBaseUrl(f.testnetApiUrl)]);
}

/** Whether two sets of fields send a key to the same places. */
export function sameEndpoint(a: EndpointFields, b: EndpointFields): boolean {
  return endpointBinding(a) === endpointBinding(b);
}

/** "testnet at https://…", "mainnet": where a set of fields sends the key, for a message. */
export function describeEndpoint(f: EndpointFields): string {
  const network = f.testnet ? 'testnet' : f.demo ? 'demo trading' : 'mainnet';
  const url = f.testnet ? f.testnetApiUrl : f.apiUrl;
  return url ? `${network} at ${canonicalBaseUrl(url)}` : network;
}

/** The refusal when an account's address no longer matches its stored key. */
export function boundKeyError(ref: AccountRef, now: EndpointFields): AppError {
  return new AppError('config', `The stored key of ${ref.exchangeId} account "${ref.accountId}" was saved for another address than the one now set (${describeEndpoint(now)})`,
    'Enter the API key and secret again with the new address (Settings → the account), or set the address back; a stored key is only sent where it was saved for.');
}

/**
 * The keychain as the sync and the diagnostics read it: a key comes back only while its
 * account still points where the key was saved for. Entries written before bindings
 * existed carry none and are given as they are.
 */
export function bindToEndpoints(store: SecretStore, endpointOf: (ref: AccountRef) => EndpointFields | null): SecretStore {
  return {
    kind: store.kind,
    async get(ref): Promise<Credentials | null> {
      const found = await store.get(ref);
      if (!found?.endpoint) return found;
      const fields = endpointOf(ref);
      if (fields === null || found.endpoint !== endpointBinding(fields)) throw boundKeyError(ref, fields ?? { testnet: false, demo: false, apiUrl: null, testnetApiUrl: null });
      return found;
    },
    set: (ref, credentials) => store.set(ref, credentials),
    delete: (ref) => store.delete(ref),
  };
}
