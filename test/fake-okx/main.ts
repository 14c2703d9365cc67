// `npm run fake-okx`: the fake as a standalone process, for demos and manual testing.
// Env: FAKE_OKX_PORT (18081), FAKE_OKX_HOST (127.0.0.1), FAKE_OKX_LATENCY_MS, FAKE_OKX_CLOCK_SKEW_MS,
// FAKE_OKX_SCENARIO (small: hand-checked figures; whole: every balance explained by its records).
import { OKX_BUILT_IN_KEYS, OKX_READ_ONLY_KEY } from './keys.js';
import { smallOkxScenario, type OkxScenario } from './scenario.js';
import { createOkxServer } from './server.js';
import { wholeOkxScenario } from './whole-scenario.js';

const SCENARIOS: Record<string, () => OkxScenario> = { small: () => smallOkxScenario(), whole: () => wholeOkxScenario() };

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new Error(`${name} must be an integer, got "${raw}"`);
  return value;
}

async function main(): Promise<void> {
  const name = process.env.FAKE_OKX_SCENARIO || 'small';
  const scenario = SCENARIOS[name];
  if (!scenario) throw new Error(`FAKE_OKX_SCENARIO must be one of ${Object.keys(SCENARIOS).join(', ')}, got "${name}"`);
  const server = await createOkxServer({
    scenario: scenario(),
    port: intEnv('FAKE_OKX_PORT', 18081),
    host: process.env.FAKE_OKX_HOST ?? '127.0.0.1',
    latencyMs: intEnv('FAKE_OKX_LATENCY_MS', 0),
    clockSkewMs: intEnv('FAKE_OKX_CLOCK_SKEW_MS', 0),
  });
  const k = OKX_READ_ONLY_KEY;
  const lines = [
    `fake OKX V5 listening on ${server.url} (scenario ${name})`,
    '',
    'Point the app at it with:',
    `  EXCHANGE_SYNC_EXCHANGES=okx OKX_API_KEY=${k.apiKey} OKX_API_SECRET=${k.secret} OKX_API_PASSWORD=${k.passphrase} OKX_API_URL=${server.url}`,
    '',
    `Other keys: ${OKX_BUILT_IN_KEYS.filter((x) => x !== k).map((x) => `${x.name}=${x.apiKey} (passphrase ${x.passphrase})`).join(', ')}`,
    `Control: GET ${server.url}/__control/requests | POST ${server.url}/__control/faults {"path":"/api/v5/account/balance","kind":"retCode","retCode":50001,"times":1} | POST ${server.url}/__control/reset`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = (signal: string): void => {
    process.stderr.write(`fake-okx: ${signal}, stopping\n`);
    server.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`fake-okx: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
