import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';

/** Who answered the TLS handshake. */
export interface TlsInfo {
  protocol: string | null;
  /** Certificate subject CN and issuer O/CN, for "who answered" when something intercepts. */
  subject: string | null;
  issuer: string | null;
  validTo: string | null;
}

/** An HTTP answer, as far as the reachability check looks at it. */
export interface HttpAnswer {
  status: number;
  contentType: string | null;
  /** At most the first 64 KB. */
  body: string;
}

/**
 * The network layers the reachability check walks, one function each, so tests can
 * put any layer's failure in place without a real DNS server or a bad certificate.
 * Each rejects with the Node error (its `code` is what the check explains).
 */
export interface NetProbes {
  lookup(hostname: string, timeoutMs: number): Promise<string[]>;
  tcpConnect(address: string, port: number, timeoutMs: number): Promise<void>;
  tlsHandshake(address: string, port: number, servername: string, timeoutMs: number): Promise<TlsInfo>;
  httpGet(url: string, timeoutMs: number): Promise<HttpAnswer>;
}

const MAX_BODY = 64 * 1024;

function timeoutError(what: string, ms: number): NodeJS.ErrnoException {
  const e: NodeJS.ErrnoException = new Error(`${what} timed out after ${ms} ms`);
  e.code = 'ETIMEDOUT';
  return e;
}

/** The real thing: node:dns, node:net, node:tls, node:http(s). */
export const nodeNetProbes: NetProbes = {
  lookup(hostname, timeoutMs) {
    // dns.lookup uses the OS resolver, as the HTTP client does; it has no timeout of its own.
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(timeoutError('DNS lookup', timeoutMs)), timeoutMs);
      dns.lookup(hostname, { all: true }, (err, addresses) => {
        clearTimeout(timer);
        if (err) reject(err);
        else resolve(addresses.map((a) => a.address));
      });
    });
  },
  tcpConnect(address, port, timeoutMs) {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: address, port });
      socket.setTimeout(timeoutMs, () => socket.destroy(timeoutError('TCP connect', timeoutMs)));
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', reject);
    });
  },
  tlsHandshake(address, port, servername, timeoutMs) {
    return new Promise((resolve, reject) => {
      const socket = tls.connect({ host: address, port, servername: net.isIP(servername) ? undefined : servername });
      socket.setTimeout(timeoutMs, () => socket.destroy(timeoutError('TLS handshake', timeoutMs)));
      socket.once('secureConnect', () => {
        const cert = socket.getPeerCertificate();
        const name = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0]) : null);
        resolve({
          protocol: socket.getProtocol() ?? null,
          subject: name(cert.subject?.CN),
          issuer: name(cert.issuer?.O) ?? name(cert.issuer?.CN),
          validTo: cert.valid_to ?? null,
        });
        socket.destroy();
      });
      socket.once('error', reject);
    });
  },
  httpGet(url, timeoutMs) {
    return new Promise((resolve, reject) => {
      const get = url.startsWith('https:') ? https.get : http.get;
      const req = get(url, { timeout: timeoutMs, headers: { accept: 'application/json' } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (body.length < MAX_BODY) body += chunk;
        });
        res.once('end', () => resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'] ?? null, body: body.slice(0, MAX_BODY) }));
        res.once('error', reject);
      });
      req.once('timeout', () => req.destroy(timeoutError('HTTP request', timeoutMs)));
      req.once('error', reject);
    });
  },
};
