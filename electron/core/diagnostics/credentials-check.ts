import { maskKey } from '../secrets/secret-store.js';
import { okxCodeOf } from '../exchange/okx/okx-errors.js';
import type { AccountSession } from './account-session.js';
import { asAppError, blockedBy, cannotTell, fail, pass, retCodeOf, type CheckDefinition, type CheckOutcome } from './check-types.js';

/** What each retCode means, in the words the user sees next to the exchange's own. */
const MEANING: Record<number, string> = {
  10002: 'request time outside the window',
  10003: 'unknown API key',
  10004: 'wrong API secret (bad signature)',
  10005: 'permission missing',
  10010: 'IP address not allowed for this key',
  33004: 'API key expired',
};

/** The same for OKX's codes. */
const OKX_MEANING: Record<string, string> = {
  '50101': 'key from the other environment (demo vs live)',
  '50102': 'request time outside the 30 s window',
  '50104': 'passphrase missing',
  '50105': 'wrong passphrase',
  '50111': 'unknown API key',
  '50113': 'wrong API secret (bad signature)',
  '50110': 'IP address not allowed for this key',
  '50120': 'permission missing',
};

/** A signed read call with the account's key: accepted, or why not. */
export function credentialsCheck(session: AccountSession): CheckDefinition {
  return { id: 'credentials', account: session.label, title: 'API key', run: () => checkCredentials(session) };
}

async function checkCredentials(session: AccountSession): Promise<CheckOutcome> {
  const found = await session.credentials().catch((e: unknown) => asAppError(e));
  if (found instanceof Error) return fail(`The API key could not be read from the ${found.errorClass === 'keychain' ? 'keychain' : 'secret store'}: ${found.message}`, found.recommendation, { errorClass: found.errorClass });
  const data: Record<string, unknown> = { source: found?.source ?? null, keyHint: found ? maskKey(found.credentials.apiKey) : null, environment: session.environment };
  const what = session.isBybit ? 'the API key details (GET /v5/user/query-api)'
    : session.account.exchangeId === 'okx' ? 'the API key details (GET /api/v5/account/config)' : 'the balance';
  try {
    await session.keyInfo();
  } catch (e) {
    const err = asAppError(e);
    if (cannotTell(err)) return blockedBy(err, data);
    const retCode = retCodeOf(err);
    Object.assign(data, { errorClass: err.errorClass, retCode, meaning: retCode === null ? null : MEANING[retCode] ?? null });
    const okxCode = okxCodeOf(err);
    if (okxCode !== null) Object.assign(data, { okxCode, meaning: OKX_MEANING[okxCode] ?? null });
    return fail(err.message, err.recommendation, data);
  }
  return pass(`${session.exchangeName} accepted the key ${String(data.keyHint)} (${String(data.source)}) for a signed read of ${what}`, data);
}
