import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../electron/core/exchange/redact.js';
import { classifyExchangeError } from '../../../electron/core/exchange/classify-error.js';

describe('redaction', () => {
  const r = createRedactor();
  r.addSecret('KEY-abcdef123');
  r.addSecret('SECRET-zyx987654');

  it('removes registered secrets wherever they appear', () => {
    const out = r.redact('bybit GET https://api.bybit.com/v5/x?api_key=KEY-abcdef123 body {"secret":"SECRET-zyx987654"}');
    expect(out).not.toContain('KEY-abcdef123');
    expect(out).not.toContain('SECRET-zyx987654');
  });

  it('removes signatures, credential parameters, headers and URL passwords it was never told about', () => {
    const sig = 'a'.repeat(64);
    const text = `GET /v5/x?sign=${sig}&apiKey=OTHERKEY1&timestamp=1 X-BAPI-API-KEY: OTHERKEY2 X-BAPI-SIGN: ${sig} {"password":"pw"} postgres://user:hunter2@db:5432/x`;
    const out = r.redact(text);
    for (const leaked of [sig, 'OTHERKEY1', 'OTHERKEY2', '"pw"', 'hunter2']) expect(out).not.toContain(leaked);
    expect(out).toContain('timestamp=1');
    expect(out).toContain('postgres://user:');
  });

  it('classified exchange errors carry the short exchange message, redacted, never the URL', () => {
    const ccxtLike = new Error('bybit {"retCode":10003,"retMsg":"API key is invalid. KEY-abcdef123","result":{}} GET https://api.bybit.com/v5/account/wallet-balance?accountType=UNIFIED');
    const e = classifyExchangeError(ccxtLike, { exchangeName: 'Bybit', testnet: false, demo: false, redactor: r });
    expect(e.errorClass).toBe('auth');
    expect(e.message).toContain('API key is invalid');
    expect(e.message).not.toContain('KEY-abcdef123');
    expect(e.message).not.toContain('https://');
    expect(e.recommendation).toMatch(/testnet/);
  });
});

describe('exchange messages', () => {
  it('drop the signed string Bybit quotes in a 10004 answer', () => {
    const r = createRedactor();
    const e = classifyExchangeError(new Error('bybit {"retCode":10004,"retMsg":"error sign! origin_string[1795300647978KEYXYZ5000accountType=UNIFIED]","result":{}}'), { exchangeName: 'Bybit', testnet: false, demo: false, redactor: r });
    expect(e.message).toBe('Bybit rejected the signature of the request, so the API secret does not belong to this key (Bybit said: "error sign!")');
    // The message is redacted again wherever it is stored or shown: no ordinary word may read as a credential there.
    expect(r.redact(e.message)).toBe(e.message);
  });
});
