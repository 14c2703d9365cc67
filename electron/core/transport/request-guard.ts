import { createHash, timingSafeEqual } from 'node:crypto';
import os from 'node:os';

/**
 * The Host names a request may carry: the loopback names on our port, plus what the
 * user bound with --host (every interface address and the machine name for a wildcard).
 * A DNS-rebinding page reaches us under its own name, which is not in this list.
 */
export function allowedHosts(bindHost: string, port: number, interfaces: () => string[] = interfaceAddresses): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]']);
  const bound = bindHost.toLowerCase();
  if (bound === '0.0.0.0' || bound === '::') {
    for (const address of interfaces()) names.add(hostForUrl(address));
    names.add(os.hostname().toLowerCase());
  } else {
    names.add(hostForUrl(bound));
  }
  const hosts = new Set<string>();
  for (const name of names) {
    hosts.add(`${name}:${port}`);
    // A browser leaves out the default port.
    if (port === 80) hosts.add(name);
  }
  return hosts;
}

/** IPv6 literals go in brackets in a URL and a Host header. */
export function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

function interfaceAddresses(): string[] {
  return Object.values(os.networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address.toLowerCase().replace(/%.*$/, '')));
}

/** Whether the Host header names this server. */
export function isAllowedHost(header: string | undefined, allowed: ReadonlySet<string>): boolean {
  return header !== undefined && allowed.has(header.toLowerCase());
}

/**
 * Whether an Origin header is one of our own pages. A missing Origin is not a browser
 * (browsers always send it on a WebSocket upgrade), so the token alone decides then.
 */
export function isAllowedOrigin(header: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (header === undefined) return true;
  let url: URL;
  try {
    url = new URL(header);
  } catch {
    return false;
  }
  return url.protocol === 'http:' && url.pathname === '/' && allowed.has(url.host.toLowerCase());
}

/** Compares in constant time (over digests, so the length does not leak either). */
export function tokenMatches(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Names that reach only this machine; anything else exposes the dashboard to a network. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}
