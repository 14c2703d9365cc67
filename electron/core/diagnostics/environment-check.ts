import { envPrefix } from '../config/env.js';
import type { AccountSession, Environment, EnvironmentProbe } from './account-session.js';
import { asAppError, blockedBy, cannotTell, fail, pass, retCodeOf, skip, type CheckDefinition, type CheckOutcome } from './check-types.js';
import { isUnknownKey } from './probe-client.js';
import { okxCodeOf } from '../exchange/okx/okx-errors.js';

/** OKX says outright when a key is from the other environment (demo vs live): 50101. */
const otherEnvironmentKey = (e: Parameters<typeof okxCodeOf>[0]) => okxCodeOf(e) === '50101';

const NAMES: Record<Environment, string> = { mainnet: 'the main site (mainnet)', testnet: 'testnet', demo: 'demo trading' };

/**
 * Whether the key belongs to the environment the account is set to. When the exchange
 * says the key is unknown, the same key is tried on the other environments: a testnet
 * key on mainnet answers exactly like a mistyped one (the old module's failure).
 */
export function environmentCheck(session: AccountSession): CheckDefinition {
  return { id: 'environment', account: session.label, title: 'Environment (mainnet / testnet / demo)', run: () => checkEnvironment(session) };
}

async function checkEnvironment(session: AccountSession): Promise<CheckOutcome> {
  const configured = session.environment;
  const data: Record<string, unknown> = { configured, keyBelongsTo: null, tried: {} };
  try {
    await session.keyInfo();
    data.keyBelongsTo = configured;
    return pass(`The key belongs to ${NAMES[configured]}, as the account is set`, data);
  } catch (e) {
    const err = asAppError(e);
    if (err.errorClass === 'config') return skip(`Not checked: ${err.message}`, data, err.recommendation);
    if (cannotTell(err)) return blockedBy(err, data);
    if (!isUnknownKey(err, retCodeOf(err)) && !otherEnvironmentKey(err)) {
      // The exchange knew the key (wrong secret, expired, IP not allowed): the environment is right.
      data.keyBelongsTo = configured;
      return pass(`The key exists on ${NAMES[configured]}, as the account is set (its other problem is under "API key")`, data);
    }
  }
  const others = await session.otherEnvironments();
  if (others.length === 0) {
    return fail(`${session.exchangeName} does not know this key, and has no other environment to try it on`,
      'Copy the API key and secret again from the exchange\'s API management page, or create a new read-only key.', data);
  }
  const probes = await Promise.all(others.map(async (env) => [env, await session.tryEnvironment(env)] as const));
  const tried: Record<string, string> = {};
  for (const [env, probe] of probes) tried[env] = describe(probe);
  data.tried = tried;
  const home = probes.find(([, p]) => p.outcome === 'accepted')?.[0];
  if (home) {
    data.keyBelongsTo = home;
    return fail(`This key belongs to ${NAMES[home]}, not ${NAMES[configured]} — ${switchPhrase(configured, home)} for this account`, switchAdvice(session, home), data);
  }
  const unsure = probes.filter(([, p]) => p.outcome === 'error').map(([env]) => NAMES[env]);
  return fail(`${session.exchangeName} does not know this key on ${[configured, ...others.filter((o) => tried[o] === 'rejected')].map((e) => NAMES[e]).join(', ')}${unsure.length ? ` (${unsure.join(', ')} could not be asked)` : ''}: it was mistyped, deleted, or belongs to another account`,
    'Copy the API key and secret again from the exchange\'s API management page (no spaces around them), or create a new read-only key.', data);
}

function describe(p: EnvironmentProbe): string {
  if (p.outcome !== 'error') return p.outcome;
  return `could not ask: ${p.error.message}`;
}

function switchPhrase(configured: Environment, home: Environment): string {
  if (home === 'mainnet') return `turn ${configured === 'demo' ? 'demo trading' : 'testnet'} off`;
  return `turn ${home === 'demo' ? 'demo trading' : 'testnet'} on`;
}

function switchAdvice(session: AccountSession, home: Environment): string {
  const a = session.account;
  if (a.source === 'env') {
    const p = envPrefix(a.exchangeId);
    const vars = { mainnet: `unset ${p}_TESTNET and ${p}_DEMO (or set them to false)`, testnet: `set ${p}_TESTNET=true${a.demo ? ` and unset ${p}_DEMO` : ''}`, demo: `set ${p}_DEMO=true${a.testnet ? ` and unset ${p}_TESTNET` : ''}` };
    return `In the environment, ${vars[home]}, then sync again.`;
  }
  const toggles = { mainnet: 'turn testnet and demo trading off', testnet: 'turn testnet on', demo: 'turn demo trading on' };
  return `In the account's settings, ${toggles[home]}, then sync again.`;
}
