import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { envPrefix } from '../config/env.js';
import type { AccountSession } from './account-session.js';
import { asAppError, fail, pass, warn, type CheckDefinition, type CheckOutcome } from './check-types.js';
import type { NetProbes } from './net-probes.js';

/** The network layer functions, their per-step limit and the environment (for proxy variables). */
export interface ReachabilityDeps {
  net: NetProbes;
  /** Limit of each step (DNS, TCP, TLS, HTTP). */
  stepTimeoutMs: number;
  elapsed?: () => number;
  env: Readonly<Record<string, string | undefined>>;
}

/** The exchange's public endpoint that also tells its time; any answer proves HTTP works. */
const TIME_PATH: Record<string, string> = { bybit: '/v5/market/time', okx: '/api/v5/public/time' };

/** Where else an exchange answers when its main domain is blocked or does not serve the region. */
const REGIONAL_BY_EXCHANGE: Record<string, string> = {
  bybit: 'https://api.bybit.eu (EEA), https://api.bybit.kz (Kazakhstan) or https://api.bytick.com (alternative domain)',
  okx: 'https://my.okx.com (EEA accounts), https://app.okx.com or https://aws.okx.com (alternative domains)',
};

/** DNS, TCP, TLS (for https) and HTTP to the account's API base URL, each timed. */
export function reachabilityCheck(session: AccountSession, deps: ReachabilityDeps): CheckDefinition {
  return { id: 'reachability', account: session.label, title: `Network path to ${session.exchangeName}`, run: () => checkReachability(session, deps) };
}

type Step = { ok: true; ms: number; [k: string]: unknown } | { ok: false; ms: number; code: string; message: string };

async function timed(elapsed: () => number, fn: () => Promise<Record<string, unknown>>): Promise<Step> {
  const started = elapsed();
  try {
    const extra = await fn();
    return { ok: true, ms: Math.round(elapsed() - started), ...extra };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { ok: false, ms: Math.round(elapsed() - started), code: err.code ?? 'ERROR', message: err.message };
  }
}

async function checkReachability(session: AccountSession, deps: ReachabilityDeps): Promise<CheckOutcome> {
  const elapsed = deps.elapsed ?? (() => performance.now());
  let baseUrl: string;
  try {
    baseUrl = (await session.client()).baseUrl();
  } catch (e) {
    const err = asAppError(e);
    return fail(err.message, err.recommendation, { errorClass: err.errorClass });
  }
  const url = new URL(baseUrl);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const https = url.protocol === 'https:';
  const port = Number(url.port || (https ? 443 : 80));
  const variable = `${envPrefix(session.account.exchangeId)}_${session.environment === 'testnet' ? 'TESTNET_' : ''}API_URL`;
  const proxyVariables = ['HTTPS_PROXY', 'HTTP_PROXY', 'https_proxy', 'http_proxy'].filter((v) => deps.env[v]);
  const data: Record<string, unknown> = { url: baseUrl, host, port, environment: session.environment, overridden: isOverridden(session), proxyVariables };
  const t = deps.stepTimeoutMs;
  const regional = REGIONAL_BY_EXCHANGE[session.account.exchangeId] ?? 'a regional API domain of the exchange';

  const dns = net.isIP(host) ? null : await timed(elapsed, async () => ({ addresses: await deps.net.lookup(host, t) }));
  data.dns = dns ?? { skipped: 'the URL names an IP address' };
  if (dns && !dns.ok) {
    return fail(`The name ${host} could not be looked up (${dns.code})`,
      `Check the internet connection and DNS. If ${session.exchangeName} is blocked where you are, use a regional domain: set ${variable} to ${regional}, or use a VPN.`, data);
  }
  const address = dns?.ok && Array.isArray(dns.addresses) && typeof dns.addresses[0] === 'string' ? dns.addresses[0] : host;
  const tcp = await timed(elapsed, async () => {
    await deps.net.tcpConnect(address, port, t);
    return { address };
  });
  data.tcp = tcp;
  if (!tcp.ok) return fail(`No connection to ${host}:${port} (${tcp.code})`, tcpAdvice(tcp.code, session, variable), data);

  const tls = https ? await timed(elapsed, async () => ({ ...(await deps.net.tlsHandshake(address, port, host, t)) })) : null;
  data.tls = tls ?? { skipped: 'plain http' };
  if (tls && !tls.ok) {
    return fail(`The encrypted connection to ${host} failed (${tls.code})`,
      `Something between this computer and ${session.exchangeName} intercepts or blocks encrypted connections (a corporate proxy, antivirus "HTTPS scanning" or a captive portal). Exempt ${host} from it, or use another network; if ${session.exchangeName} is blocked in your region, set ${variable} to ${regional}.`, data);
  }
  const path = TIME_PATH[session.account.exchangeId] ?? '/';
  const answer = await timed(elapsed, async () => {
    const r = await deps.net.httpGet(`${baseUrl}${path}`, t);
    return { status: r.status, contentType: r.contentType, exchangeApi: looksLikeApi(session.account.exchangeId, r.body) };
  });
  data.http = answer;
  data.latencyMs = answer.ms;
  if (!answer.ok) {
    return fail(`${host} accepted the connection but the HTTP request failed (${answer.code})`,
      'The connection is cut or very slow on the way (proxy, firewall, unstable network); try again, or try another network.', data);
  }
  const status = answer.status as number;
  if (status === 403) {
    return fail(`${session.exchangeName} refused this IP address (HTTP 403)`,
      `Either this IP address sent too many requests (wait a few minutes) or ${session.exchangeName} does not serve your region from ${host}: set ${variable} to ${regional}.`, data);
  }
  if (status >= 500) {
    return warn(`${session.exchangeName} answered HTTP ${status} (server error or maintenance)`, `Nothing to fix on this computer; check ${session.exchangeName}'s status page and try again later.`, data);
  }
  if (answer.exchangeApi === false) {
    return warn(`${host} answered HTTP ${status}, but not with ${session.exchangeName}'s API`,
      `Something else answered (a captive portal, proxy or a wrong URL override): check ${variable} and the network.`, data);
  }
  return pass(`${host}:${port} answers: ${[dns?.ok ? `DNS ${dns.ms} ms` : null, `TCP ${tcp.ms} ms`, tls?.ok ? `TLS ${tls.ms} ms` : null, `HTTP ${status} in ${answer.ms} ms`].filter(Boolean).join(', ')}`, data);
}

function tcpAdvice(code: string, session: AccountSession, variable: string): string {
  const regional = REGIONAL_BY_EXCHANGE[session.account.exchangeId] ?? 'a regional API domain of the exchange';
  if (isOverridden(session) && code === 'ECONNREFUSED') {
    return `Nothing listens at the URL override: check ${variable} (host and port), or unset it to use ${session.exchangeName}'s own address.`;
  }
  if (code === 'ECONNREFUSED') return `Something refuses connections to ${session.exchangeName}: check the firewall, proxy or VPN settings.`;
  return `A firewall, proxy or the network blocks the connection: check them, try another network, or set ${variable} to ${regional}.`;
}

function isOverridden(session: AccountSession): boolean {
  return Boolean(session.environment === 'testnet' ? session.account.testnetApiUrl : session.account.apiUrl);
}

/** Whether a body is the exchange's API (Bybit's envelope) rather than an HTML page; null when unknown. */
function looksLikeApi(exchangeId: string, body: string): boolean | null {
  const field = { bybit: 'retCode', okx: 'code' }[exchangeId];
  if (!field) return null;
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    return typeof parsed === 'object' && parsed !== null && field in parsed;
  } catch {
    return false;
  }
}
