// OKX's answer shape: {code, msg, data}; code "0" is success, anything else an error.

export interface OkxEnvelope { code: string; msg: string; data: unknown[] }

/** The messages OKX sends with the codes the fake answers. */
export const OKX_MSG: Record<string, string> = {
  '50001': 'Service temporarily unavailable. Please try again later.',
  '50011': 'Rate limit reached. Please refer to API documentation and throttle requests accordingly.',
  '50014': 'Parameter {0} can not be empty.',
  '50101': 'APIKey does not match current environment.',
  '50102': 'Timestamp request expired.',
  '50103': 'Request header "OK-ACCESS-KEY" can not be empty.',
  '50104': 'Request header "OK-ACCESS-PASSPHRASE" can not be empty.',
  '50105': 'Request header "OK-ACCESS-PASSPHRASE" incorrect.',
  '50106': 'Request header "OK-ACCESS-SIGN" can not be empty.',
  '50107': 'Request header "OK-ACCESS-TIMESTAMP" can not be empty.',
  '50110': 'Your IP {0} is not included in your API key\'s IP whitelist.',
  '50111': 'Invalid OK-ACCESS-KEY.',
  '50112': 'Invalid OK-ACCESS-TIMESTAMP.',
  '50113': 'Invalid Sign.',
  '50120': 'API key doesn\'t have permission to access this endpoint.',
};

/** HTTP status OKX pairs with a code: authentication failures are 401, the rate limit 429. */
export function httpStatusOf(code: string): number {
  if (code === '50011') return 429;
  if (code === '50001') return 503;
  if (/^501(0[1-9]|1\d)$/.test(code)) return 401;
  return 200;
}

export class OkxError extends Error {
  constructor(readonly code: string, msg?: string) {
    super(msg ?? OKX_MSG[code] ?? 'error');
  }
}

export const okEnvelope = (data: unknown[]): OkxEnvelope => ({ code: '0', msg: '', data });
export const errorEnvelope = (code: string, msg: string): OkxEnvelope => ({ code, msg, data: [] });
