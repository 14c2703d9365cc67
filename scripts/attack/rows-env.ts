import type { Row } from './types.js';
import { runCli } from './serve-child.js';

const PW = 'S3CRETPW';

/** Bad environment values: each must stop the CLI with exit 2 and a message naming the variable. */
const BAD_ENV: Array<{ env: Record<string, string>; names: string; args?: string[]; also?: RegExp }> = [
  { env: { EXCHANGE_SYNC_INTERVAL_MINUTES: 'abc' }, names: 'EXCHANGE_SYNC_INTERVAL_MINUTES' },
  { env: { EXCHANGE_SYNC_INTERVAL_MINUTES: '0' }, names: 'EXCHANGE_SYNC_INTERVAL_MINUTES' },
  { env: { EXCHANGE_SYNC_INTERVAL_MINUTES: '1441' }, names: 'EXCHANGE_SYNC_INTERVAL_MINUTES' },
  { env: { EXCHANGE_SYNC_ENABLED: 'maybe' }, names: 'EXCHANGE_SYNC_ENABLED' },
  { env: { EXCHANGE_SYNC_LOG_LEVEL: 'loud' }, names: 'EXCHANGE_SYNC_LOG_LEVEL' },
  { env: { EXCHANGE_SYNC_EXCHANGES: 'nonexistent' }, names: 'EXCHANGE_SYNC_EXCHANGES', also: /"nonexistent"/ },
  { env: { EXCHANGE_SYNC_EXCHANGES: 'bybitt' }, names: 'EXCHANGE_SYNC_EXCHANGES', also: /did you mean "bybit"/ },
  { env: { EXCHANGE_SYNC_EXCHANGES: 'by bit' }, names: 'EXCHANGE_SYNC_EXCHANGES' },
  { env: { BYBIT_API_KEY: ' KEY12345678', BYBIT_API_SECRET: 'secret12345678' }, names: 'BYBIT_API_KEY' },
  { env: { BYBIT_API_KEY: 'KEYé12345678', BYBIT_API_SECRET: 'secret12345678' }, names: 'BYBIT_API_KEY' },
  { env: { BYBIT_API_KEY: 'KEY12345678', BYBIT_API_SECRET: 'sécret12345678' }, names: 'BYBIT_API_SECRET' },
  { env: { BYBIT_API_SECRET: 'secret12345678' }, names: 'BYBIT_API_KEY' },
  { env: { BYBIT_TESTNET: 'yesplease' }, names: 'BYBIT_TESTNET' },
  { env: { BYBIT_TESTNET: 'true', BYBIT_DEMO: 'true' }, names: 'BYBIT_TESTNET' },
  { env: { BYBIT_API_URL: 'ftp://files.example' }, names: 'BYBIT_API_URL' },
  { env: { BYBIT_API_URL: 'http://api.bybit.com' }, names: 'BYBIT_API_URL', also: /https/ },
  { env: { BYBIT_API_URL: 'not a url' }, names: 'BYBIT_API_URL' },
  { env: { DB_PORT: '99999' }, names: 'DB_PORT' },
  { env: { DATABASE_URL: 'mysql://u@h/d' }, names: 'DATABASE_URL' },
  { env: { ALPHAPULSE_SERVE_TOKEN: 'aaaaaaaaaaaaaaaa' }, names: 'ALPHAPULSE_SERVE_TOKEN', args: ['serve', '--port', '0'] },
  { env: { ALPHAPULSE_SERVE_TOKEN: 'short' }, names: 'ALPHAPULSE_SERVE_TOKEN', args: ['serve', '--port', '0'] },
];

export const badEnvValues: Row = async ({ cliEnv }) => {
  const broken: string[] = [];
  for (const c of BAD_ENV) {
    const r = await runCli(c.args ?? ['status'], { ...cliEnv, ...c.env });
    const ok = r.code === 2 && r.stderr.includes(c.names) && !/\n\s+at /.test(r.stderr) && (!c.also || c.also.test(r.stderr));
    if (!ok) broken.push(`${Object.keys(c.env).join('+')}=${Object.values(c.env).join('+')} → exit ${r.code}`);
  }
  return {
    row: 'bad env values',
    held: broken.length === 0,
    figures: `${BAD_ENV.length} values: ${BAD_ENV.length - broken.length} exit 2 naming the variable, no stack trace${broken.length ? `; not so: ${broken.join('; ')}` : ''}`,
  };
};

const URLS_WITH_PASSWORDS: Array<[string, string]> = [
  ['BYBIT_API_URL', `http://user:${PW}@[::1`], ['BYBIT_API_URL', `http://user:${PW}@127.0.0.1:9`], ['BYBIT_API_URL', `https://user:${PW}@api.bybit.eu`],
  ['BYBIT_API_URL', `https://${PW}@api.bybit.eu`], ['BYBIT_TESTNET_API_URL', `https://u:${PW}@api-testnet.bybit.com`], ['BYBIT_API_URL', `user:${PW}@api`],
  ['DATABASE_URL', `postgres://user:${PW}@[::1`], ['DATABASE_URL', `postgres://user:${PW}@host:99999/db`], ['DATABASE_URL', `postgres://user:${PW}@host/db?sslmode=bogus`],
  ['DATABASE_URL', `postgres://user:${PW}%zz@host/db`],
];

export const urlPasswordEcho: Row = async ({ cliEnv }) => {
  const echoed: string[] = [];
  let exit2 = 0;
  for (const [name, value] of URLS_WITH_PASSWORDS) {
    const r = await runCli(['status'], { ...cliEnv, [name]: value });
    if (r.code === 2 && r.stderr.includes(name)) exit2 += 1;
    if ((r.stdout + r.stderr).includes(PW)) echoed.push(name);
  }
  return {
    row: 'URL password echo',
    held: echoed.length === 0 && exit2 === URLS_WITH_PASSWORDS.length,
    figures: `${URLS_WITH_PASSWORDS.length} URLs with a password: ${exit2} exit 2 naming the variable; password printed: ${echoed.length}`,
  };
};
