import { describe, expect, it } from 'vitest';
import { classifyOkxCode } from '../../../electron/core/exchange/okx/okx-errors.js';
import { createRedactor } from '../../../electron/core/redact.js';

const ctx = (demo = false) => ({ exchangeName: 'OKX', testnet: false, demo, redactor: createRedactor(), what: 'the trading account' });

describe('OKX error codes', () => {
  it('gives each credential failure its own cause, never "invalid sign" alone', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['50105', 'auth', /passphrase/],
      ['50104', 'auth', /passphrase/],
      ['50113', 'auth', /secret does not belong to this key/],
      ['50111', 'auth', /API key is invalid/],
      ['50101', 'auth', /demo-trading key used on the live site/],
      ['50102', 'clock', /clock/],
      ['50110', 'ip', /IP address/],
      ['50120', 'permission', /no permission to read the trading account/],
      ['50011', 'rate-limit', /rate limit/],
      ['50001', 'exchange-down', /not answering properly/],
      ['51000', 'bad-response', /refused the request/],
    ];
    for (const [code, errorClass, message] of cases) {
      const e = classifyOkxCode(code, 'Invalid Sign', ctx());
      expect([code, e.errorClass]).toEqual([code, errorClass]);
      expect(e.message).toMatch(message);
      expect(e.recommendation.length).toBeGreaterThan(20);
    }
    expect(classifyOkxCode('50101', '', ctx(true)).message).toMatch(/live key used for demo trading/);
    expect(classifyOkxCode('50105', '', ctx()).recommendation).toMatch(/OKX_API_PASSWORD/);
  });

  it('retries only what can succeed later', () => {
    expect(classifyOkxCode('50011', '', ctx()).transient).toBe(true);
    expect(classifyOkxCode('50001', '', ctx()).transient).toBe(true);
    expect(classifyOkxCode('50113', '', ctx()).transient).toBe(false);
  });
});
