import type { Row } from './types.js';
import { openApi } from './ws-probe.js';

const PW = 'S3CRETPW';
const bybit = (extra: Record<string, unknown>) => ({ exchangeId: 'bybit', id: 'probe', ...extra });
const creds = (apiKey: string, secret = 'secret0000000000') => ({ credentials: { apiKey, secret } });

/** Calls that must each be refused as a config error: never "internal", never echoing a value. */
const MALFORMED: Array<[string, unknown]> = [
  ['nope', undefined], ['__proto__', undefined], ['constructor', undefined], ['toString', undefined], ['', undefined], ['hasOwnProperty', undefined],
  ['accounts:save', {}], ['accounts:save', { exchangeId: 1 }], ['accounts:save', { exchangeId: 'BYBIT' }], ['accounts:save', bybit({ id: '../../etc' })],
  ['accounts:save', bybit({})], ['accounts:save', bybit(creds('has space'))], ['accounts:save', bybit(creds('KEYé12345678'))],
  ['accounts:save', bybit(creds('KEY12345678', 'sécret000'))], ['accounts:save', bybit(creds('K'.repeat(10_000)))], ['accounts:save', bybit({ label: 'l'.repeat(500), ...creds('KEY12345678') })],
  ['accounts:save', bybit({ apiUrl: 'javascript:alert(1)', ...creds('KEY12345678') })], ['accounts:save', bybit({ apiUrl: 'file:///etc/passwd', ...creds('KEY12345678') })],
  ['accounts:save', bybit({ apiUrl: 'http://169.254.169.254/', ...creds('KEY12345678') })], ['accounts:save', bybit({ apiUrl: `https://u:${PW}@api.bybit.eu`, ...creds('KEY12345678') })],
  ['accounts:save', bybit({ apiUrl: `http://u:${PW}@[::1`, ...creds('KEY12345678') })], ['accounts:save', bybit({ testnet: true, demo: true, ...creds('KEY12345678') })],
  ['accounts:save', { ...bybit({}), extra: true }], ['accounts:save', bybit({ credentials: { apiKey: 'KEY12345678' } })], ['accounts:save', bybit({ enabled: 'yes' })],
  ['accounts:test', {}], ['accounts:test', bybit({})], ['accounts:test', bybit(creds('KEYé12345678'))], ['accounts:test', bybit({ apiUrl: 'ftp://x', ...creds('KEY12345678') })],
  ['accounts:test', bybit({ apiUrl: `https://u:${PW}@x.example`, ...creds('KEY12345678') })], ['accounts:test', { exchangeId: 'bybit', apiUrl: 'https://evil.example' }],
  ['accounts:remove', {}], ['accounts:remove', { exchangeId: 'bybit', id: '' }],
  ['settings:update', { sync: { intervalMinutes: 1e9 } }], ['settings:update', { sync: { intervalMinutes: 'five' } }], ['settings:update', { database: { mode: 'mysql' } }],
  ['settings:update', { database: { mode: 'external', url: `postgres://u:${PW}@[::1` } }], ['settings:update', { database: { mode: 'external', url: `mysql://u:${PW}@h/d` } }],
  ['settings:update', { logLevel: 'debug' }], ['settings:update', { quoteCurrency: 'BTC' }], ['settings:update', 'all'],
  ['net-value:get', { range: 'forever' }], ['net-value:get', { maxPoints: 1e6 }], ['net-value:assets', { range: 'forever' }], ['net-value:assets', { from: 'soon' }], ['history:list', { limit: -1 }], ['history:list', { limit: 1.5 }],
  ['sync:run', { trigger: 'evil' }], ['diagnostics:run', 123],
];

export const malformedInputs: Row = async ({ serve }) => {
  const api = await openApi(serve.port, serve.token);
  const classes = new Map<string, number>();
  const echoes: string[] = [];
  for (const [channel, input] of MALFORMED) {
    const reply = await api.call(channel, input);
    const cls = reply.ok ? 'accepted' : reply.error?.errorClass ?? '?';
    classes.set(cls, (classes.get(cls) ?? 0) + 1);
    if (/S3CRETPW|KEYé|sécret/.test(JSON.stringify(reply))) echoes.push(channel);
  }
  const alive = (await api.call('status:get')).ok;
  api.close();
  // Frames that are not calls at all end the socket with 4400 (or 1009 when too big).
  const frames = ['not json', JSON.stringify({ id: 1, channel: 'x'.repeat(5000) }), JSON.stringify({ type: 'auth', token: 'again' }).slice(0, 10), JSON.stringify({ id: -1, channel: 'status:get' }), 'x'.repeat(300 * 1024)];
  const codes: number[] = [];
  for (const frame of frames) {
    const s = await openApi(serve.port, serve.token);
    s.sendRaw(frame);
    codes.push(await Promise.race([s.closeCode, new Promise<number>((r) => setTimeout(() => r(0), 10_000))]));
    s.close();
  }
  const framesClosed = codes.filter((c) => c === 4400 || c === 1009).length;
  return {
    row: 'malformed API inputs',
    held: (classes.get('config') ?? 0) === MALFORMED.length && echoes.length === 0 && alive && framesClosed === frames.length,
    figures: `${MALFORMED.length + frames.length} inputs: ${MALFORMED.length} calls answered ${[...classes].map(([c, n]) => `${c}×${n}`).join(' ')}, ${frames.length} raw frames closed the socket (${codes.join(', ')}); values echoed: ${echoes.length}; server answers afterwards: ${alive}`,
  };
};

/**
 * Every call that takes an address, pointed at the other fake exchange, for the
 * environment account (and a keychain account when this session has a keychain); then a
 * sync and the diagnostics. The other exchange's request log must hold no request with a key.
 */
export const keyToOtherUrl: Row = async ({ serve, home, other, envKey, envSecret }) => {
  other.clearRequests();
  const api = await openApi(serve.port, serve.token);
  const moves = [{ apiUrl: other.url }, { testnetApiUrl: other.url }, { testnet: true }, { demo: true }, { testnet: true, testnetApiUrl: other.url }];
  let refused = 0;
  let calls = 0;
  const attempt = async (ref: Record<string, unknown>) => {
    for (const move of moves) {
      for (const channel of ['accounts:test', 'accounts:save']) {
        calls += 1;
        const r = await api.call(channel, { ...ref, ...move });
        if (!r.ok && r.error?.errorClass === 'config') refused += 1;
      }
    }
  };
  await attempt({ exchangeId: 'bybit', id: 'default' });
  // A keychain account, if this session has a keychain to keep one in.
  const kc = await api.call('accounts:save', { exchangeId: 'bybit', id: 'desk', apiUrl: home.url, credentials: { apiKey: envKey, secret: envSecret } });
  const keychain = kc.ok ? 'yes' : `no (${kc.error?.errorClass ?? '?'})`;
  if (kc.ok) await attempt({ exchangeId: 'bybit', id: 'desk' });
  const sync = await api.call('sync:run', { trigger: 'manual' });
  await api.call('diagnostics:run');
  if (kc.ok) await api.call('accounts:remove', { exchangeId: 'bybit', id: 'desk' });
  api.close();
  const leaked = other.requests.filter((r) => r.apiKey !== null).length;
  return {
    row: 'stored key to another URL',
    held: refused === calls && leaked === 0 && sync.ok,
    figures: `${calls} calls (test and save × 5 address changes; env account${kc.ok ? ' + keychain account' : ''}): ${refused} refused; keychain in this session: ${keychain}; sync + diagnostics after; requests with a key at the other host: ${leaked} (all requests there: ${other.requests.length})`,
  };
};
