import { configError } from '../errors.js';

const LOOPBACK_V4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** Whether a URL's host name reaches only this computer (localhost, 127.0.0.0/8, ::1). */
export function isLoopbackHostname(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || LOOPBACK_V4.test(h);
}

/**
 * An exchange's REST base URL, checked and normalised (origin and path, no trailing
 * slash). Signed requests carry the API key and a signature, so the URL must be https,
 * except on this computer (the fake exchange, a local proxy), and may not carry a user
 * name or password. `name` is what the error calls it (a variable or a field); the value
 * itself is never echoed, as a malformed URL may still hold a password.
 */
export function parseExchangeBaseUrl(raw: string, name: string): string {
  const example = 'e.g. https://api.bybit.eu';
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw configError(`${name} is not a valid URL (the value is not shown: it may hold a password)`, `Set ${name} to the exchange's REST base URL, ${example}`);
  }
  if (url.username !== '' || url.password !== '') {
    throw configError(`${name} contains a user name or password, which is refused for an exchange URL`, `Remove the "user:password@" part of ${name}: exchange keys go in the API key and secret, never in the URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw configError(`${name} must be an https:// URL`, `Set ${name} to the exchange's REST base URL, ${example}`);
  }
  if (url.protocol === 'http:' && !isLoopbackHostname(url.hostname)) {
    throw configError(`${name} must use https:// (plain http:// is accepted only for this computer: localhost, 127.x.x.x, ::1)`,
      `Use the https:// address of the exchange or proxy, ${example}; signed requests carry the API key.`);
  }
  return normalizedBaseUrl(url);
}

/**
 * The form two base URLs are compared in; a value that is not a URL is kept as it is
 * (it then matches nothing but itself).
 */
export function canonicalBaseUrl(raw: string | null): string | null {
  if (raw === null) return null;
  try {
    return normalizedBaseUrl(new URL(raw.trim()));
  } catch {
    return raw.trim();
  }
}

function normalizedBaseUrl(url: URL): string {
  return url.origin + url.pathname.replace(/\/+$/, '');
}
