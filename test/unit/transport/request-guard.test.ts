import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { allowedHosts, hostForUrl, isAllowedHost, isAllowedOrigin, isLoopbackHost, tokenMatches } from '../../../electron/core/transport/request-guard.js';

describe('allowed Host names', () => {
  it('on loopback: the loopback names on our port, nothing else', () => {
    expect([...allowedHosts('127.0.0.1', 8780, () => ['10.0.0.5'])].sort()).toEqual(['127.0.0.1:8780', '[::1]:8780', 'localhost:8780']);
  });

  it('a named or IPv6 bind address is added, lower-cased and bracketed', () => {
    expect(allowedHosts('My-Box.LAN', 8780, () => [])).toEqual(new Set(['127.0.0.1:8780', 'localhost:8780', '[::1]:8780', 'my-box.lan:8780']));
    expect(allowedHosts('FE80::1', 9000, () => []).has('[fe80::1]:9000')).toBe(true);
  });

  it.each(['0.0.0.0', '::'])('a wildcard (%s) adds every interface address and the machine name', (bind) => {
    const hosts = allowedHosts(bind, 8780, () => ['10.0.0.5', 'fd00::7']);
    expect(hosts.has('10.0.0.5:8780')).toBe(true);
    expect(hosts.has('[fd00::7]:8780')).toBe(true);
    expect(hosts.has(`${os.hostname().toLowerCase()}:8780`)).toBe(true);
    expect(hosts.has('0.0.0.0:8780')).toBe(false);
    expect(hosts.has(`${bind}:8780`)).toBe(false);
  });

  it('reads the real interfaces by default', () => {
    const hosts = allowedHosts('0.0.0.0', 8780);
    expect(hosts.has('127.0.0.1:8780')).toBe(true);
    const addresses = Object.values(os.networkInterfaces()).flatMap((list) => (list ?? []).map((i) => hostForUrl(i.address)));
    expect(addresses.length).toBeGreaterThan(0);
    for (const address of addresses) expect(hosts.has(`${address}:8780`), address).toBe(true);
  });

  it('on port 80 a name without a port is allowed too (browsers leave it out)', () => {
    const hosts = allowedHosts('127.0.0.1', 80, () => []);
    expect(hosts.has('localhost')).toBe(true);
    expect(hosts.has('localhost:80')).toBe(true);
    expect(allowedHosts('127.0.0.1', 8080, () => []).has('localhost')).toBe(false);
  });

  it('brackets IPv6 literals once, and nothing else', () => {
    expect(hostForUrl('::1')).toBe('[::1]');
    expect(hostForUrl('[::1]')).toBe('[::1]');
    expect(hostForUrl('example.com')).toBe('example.com');
  });
});

describe('request checks', () => {
  const allowed = allowedHosts('127.0.0.1', 8780, () => []);

  it('accepts our Host in any case, refuses others and a missing one', () => {
    expect(isAllowedHost('LOCALHOST:8780', allowed)).toBe(true);
    expect(isAllowedHost('evil.example:8780', allowed)).toBe(false);
    expect(isAllowedHost('localhost:8781', allowed)).toBe(false);
    expect(isAllowedHost(undefined, allowed)).toBe(false);
  });

  it('an Origin must be one of our own http pages; a missing one is not a browser', () => {
    expect(isAllowedOrigin(undefined, allowed)).toBe(true);
    expect(isAllowedOrigin('http://localhost:8780', allowed)).toBe(true);
    expect(isAllowedOrigin('http://LOCALHOST:8780/', allowed)).toBe(true);
    expect(isAllowedOrigin('https://localhost:8780', allowed)).toBe(false);
    expect(isAllowedOrigin('http://localhost:8780/page', allowed)).toBe(false);
    expect(isAllowedOrigin('http://evil.example:8780', allowed)).toBe(false);
    expect(isAllowedOrigin('null', allowed)).toBe(false);
    expect(isAllowedOrigin('', allowed)).toBe(false);
  });

  it('the token must match exactly, and be a string', () => {
    expect(tokenMatches('s3cret-token-value', 's3cret-token-value')).toBe(true);
    expect(tokenMatches('s3cret-token-valuE', 's3cret-token-value')).toBe(false);
    expect(tokenMatches('s3cret', 's3cret-token-value')).toBe(false);
    expect(tokenMatches('', 's3cret-token-value')).toBe(false);
    expect(tokenMatches(undefined, 's3cret-token-value')).toBe(false);
    expect(tokenMatches(['s3cret-token-value'], 's3cret-token-value')).toBe(false);
  });

  it.each([
    ['localhost', true], ['LocalHost', true], ['127.0.0.1', true], ['127.1.2.3', true], ['::1', true], ['[::1]', true],
    ['127.10.200.30', true],
    ['0.0.0.0', false], ['::', false], ['192.168.1.10', false], ['127.0.0.1.evil.example', false], ['x127.0.0.1', false], ['localhost.example', false],
    ['local[host', false], ['local]host', false], ['[127.0.0.1]x', false],
  ])('%s reaches only this machine: %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});
