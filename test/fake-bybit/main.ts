// `npm run fake-bybit`: the fake as a standalone process, for demos and manual testing.
// Env: FAKE_BYBIT_PORT (18080), FAKE_BYBIT_HOST (127.0.0.1), FAKE_BYBIT_SCENARIO (small|bench|classic),
// FAKE_BYBIT_ENV (mainnet|testnet|demo), FAKE_BYBIT_LATENCY_MS, FAKE_BYBIT_CLOCK_SKEW_MS,
// FAKE_BYBIT_ENFORCE_RATE_LIMITS (1 = answer 10006 past Bybit's per-second limits),
// FAKE_BYBIT_PUBLISHED_LIMITS (1 = Bybit's published, lower limits of the history lists).
import { benchScenario } from './bench-scenario.js';
import { BUILT_IN_KEYS, DEMO_KEY, READ_ONLY_KEY, TESTNET_KEY } from './keys.js';
import { classicScenario, smallScenario } from './scenario.js';
import type { Environment, Scenario } from './scenario-types.js';
import { PUBLISHED_HISTORY_LIMITS } from './rate-limit.js';
import { createServer } from './server.js';

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new Error(`${name} must be an integer, got "${raw}"`);
  return value;
}

function pickScenario(name: string): Scenario {
  if (name === 'small') return smallScenario();
  if (name === 'classic') return classicScenario();
  if (name === 'bench') return benchScenario();
  throw new Error(`FAKE_BYBIT_SCENARIO must be small, classic or bench, got "${name}"`);
}

async function main(): Promise<void> {
  const environment = (process.env.FAKE_BYBIT_ENV ?? 'mainnet') as Environment;
  if (!['mainnet', 'testnet', 'demo'].includes(environment)) throw new Error('FAKE_BYBIT_ENV must be mainnet, testnet or demo');
  const scenarioName = process.env.FAKE_BYBIT_SCENARIO ?? 'small';
  const server = await createServer({
    scenario: pickScenario(scenarioName),
    environment,
    port: intEnv('FAKE_BYBIT_PORT', 18080),
    host: process.env.FAKE_BYBIT_HOST ?? '127.0.0.1',
    latencyMs: intEnv('FAKE_BYBIT_LATENCY_MS', 0),
    clockSkewMs: intEnv('FAKE_BYBIT_CLOCK_SKEW_MS', 0),
    enforceRateLimits: process.env.FAKE_BYBIT_ENFORCE_RATE_LIMITS === '1',
    ...(process.env.FAKE_BYBIT_PUBLISHED_LIMITS === '1' ? { rateLimits: { ...PUBLISHED_HISTORY_LIMITS } } : {}),
  });
  const key = environment === 'testnet' ? TESTNET_KEY : environment === 'demo' ? DEMO_KEY : READ_ONLY_KEY;
  const urlVariable = environment === 'testnet' ? 'BYBIT_TESTNET_API_URL' : 'BYBIT_API_URL';
  const testnetFlag = environment === 'testnet' ? ' BYBIT_TESTNET=true' : '';
  const lines = [
    `fake Bybit V5 (${environment}, scenario "${scenarioName}") listening on ${server.url}`,
    '',
    'Point the app at it with:',
    `  BYBIT_API_KEY=${key.apiKey} BYBIT_API_SECRET=${key.secret} ${urlVariable}=${server.url}${testnetFlag}`,
    '',
    `Other keys: ${BUILT_IN_KEYS.filter((k) => k !== key).map((k) => `${k.name}=${k.apiKey}`).join(', ')}`,
    `Control: GET ${server.url}/__control/requests | POST ${server.url}/__control/faults {"path":"/v5/execution/list","kind":"http","status":502,"times":1} | POST ${server.url}/__control/reset | GET ${server.url}/__control/keys`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  const stop = (signal: string): void => {
    process.stderr.write(`fake-bybit: ${signal}, stopping\n`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`fake-bybit: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
