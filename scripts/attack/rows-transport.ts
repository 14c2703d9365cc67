import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { rawGet } from '../../test/e2e/helpers/http-raw.js';
import type { Row } from './types.js';
import { tryToken } from './ws-probe.js';

/** Wrong tokens from 20 parallel clients on one address (127.0.0.2), for at most 15 s or 3,000 tries. */
export const tokenGuessing: Row = async ({ serve }) => {
  const budget = { tries: 3000, ms: 15_000, clients: 20 };
  const started = performance.now();
  const outcomes = new Map<string, number>();
  let sent = 0;
  const client = async () => {
    while (sent < budget.tries && performance.now() - started < budget.ms) {
      sent += 1;
      const o = await tryToken(serve.port, `guess-${sent}-${Math.random().toString(36).slice(2)}xyz`, '127.0.0.2');
      outcomes.set(o, (outcomes.get(o) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: budget.clients }, client));
  const seconds = (performance.now() - started) / 1000;
  const refusedEarly = outcomes.get('http-429') ?? 0;
  const atToken = outcomes.get('closed-4401') ?? 0;
  // The right token from another loopback address is not locked out.
  const other = await tryToken(serve.port, serve.token, '127.0.0.1');
  return {
    row: 'token guessing (20 clients, one address)',
    held: (outcomes.get('ready') ?? 0) === 0 && refusedEarly >= 0.9 * sent && other === 'ready',
    figures: `${sent} tries in ${seconds.toFixed(1)} s; ${refusedEarly} refused with 429 before the handshake, ${atToken} closed 4401 after sending a token (compared or locked out), 0 accepted; other address still gets in: ${other === 'ready'}`,
  };
};

const TRAVERSALS = [
  '/../../../../etc/passwd', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2f..%2fetc%2fpasswd', '/%252e%252e/%252e%252e/etc/passwd',
  '/..\\..\\..\\etc\\passwd', '/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd', '/assets/../../package.json', '/..%5c..%5cpackage.json',
  '//etc/passwd', '/.%2e/.%2e/.%2e/etc/passwd', '/index.html%00.js', '/%2e%2e%2f%2e%2e%2fpackage.json', '/assets/%2e%2e/%2e%2e/package.json',
  '/..;/..;/package.json', '/%u002e%u002e/package.json', '/assets/..%252f..%252fpackage.json', '/%2F..%2F..%2Fetc%2Fpasswd',
  '/....//....//etc/passwd', '/assets/%00/../../package.json', '/' + '../'.repeat(40) + 'etc/passwd',
];

/** 20 encodings of "a file outside the dashboard's folder"; none may return one. */
export const pathTraversal: Row = async ({ serve }) => {
  const leaks: string[] = [];
  const statuses = new Map<number, number>();
  for (const p of TRAVERSALS) {
    const r = await rawGet(serve.port, p).catch(() => ({ status: 0, body: '' }));
    statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    if (/root:.*:0:0:|"name": "alphapulse-sync"|"devDependencies"/.test(r.body) || r.status >= 500) leaks.push(p);
  }
  return {
    row: 'path traversal encodings',
    held: leaks.length === 0,
    figures: `${TRAVERSALS.length} paths; statuses ${[...statuses].map(([s, n]) => `${s}×${n}`).join(' ')}; files from outside: ${leaks.length}`,
  };
};

function connectFrom(port: number, localAddress: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ port, host: '127.0.0.1', localAddress }, () => resolve(s));
    s.on('error', reject);
  });
}

/**
 * 300 connections that never finish a request (two thirds send half a header, the rest
 * nothing): those over the cap are dropped at once, the others closed by the server's
 * header timeout. Bounded at 45 s.
 */
export const halfOpen: Row = async ({ serve }) => {
  const count = 300;
  const started = performance.now();
  const closedAt: number[] = [];
  const sockets: net.Socket[] = [];
  for (let i = 0; i < count; i += 1) {
    const s = await connectFrom(serve.port, '127.0.0.3').catch(() => null);
    if (!s) {
      closedAt.push(0);
      continue;
    }
    s.on('error', () => undefined);
    // Read what the server says (its 408), or its closing is never seen here.
    s.resume();
    s.on('close', () => closedAt.push(performance.now() - started));
    if (i % 3 !== 0) s.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${serve.port}\r\nX-Slow: `);
    sockets.push(s);
  }
  const deadline = performance.now() + 45_000;
  while (closedAt.length < count && performance.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  const open = count - closedAt.length;
  for (const s of sockets) s.destroy();
  const early = closedAt.filter((t) => t < 1000).length;
  return {
    row: 'half-open requests',
    held: open === 0,
    figures: `${count} opened; ${early} closed within 1 s (over the connection cap), all ${count - open} closed after at most ${(Math.max(0, ...closedAt) / 1000).toFixed(1)} s; still open at the 45 s bound: ${open}`,
  };
};
