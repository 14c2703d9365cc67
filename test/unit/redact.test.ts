import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../electron/core/redact.js';
import { classifyExchangeError } from '../../electron/core/exchange/classify-error.js';

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

describe('redaction, exactly', () => {
  it('masks each kind of credential in place and leaves the rest as it was', () => {
    const r = createRedactor();
    const sig = 'ABCDEF0123456789'.repeat(4);
    expect(r.redact('GET /x?a=1&SIGN=abc&Api-Key=k1&token=t1&b=2')).toBe('GET /x?a=1&SIGN=[redacted]&Api-Key=[redacted]&token=[redacted]&b=2');
    // Values with commas and semicolons, upper case, several in one URL.
    expect(r.redact('?a=1&SIGN=ab,cd;e&TOKEN=x,y&b=2')).toBe('?a=1&SIGN=[redacted]&TOKEN=[redacted]&b=2');
    expect(r.redact('{"apiKey":"k1","Secret" : "s1","ok":"v"}')).toBe('{"apiKey":"[redacted]","Secret" : "[redacted]","ok":"v"}');
    expect(r.redact('X-BAPI-API-KEY: k2, x-bapi-sign=abc; passphrase: p1')).toBe('X-BAPI-API-KEY: [redacted], x-bapi-sign=[redacted]; passphrase: [redacted]');
    expect(r.redact('postgres://user:hunter2@db:5432/x and HTTPS://a:b@host/')).toBe('postgres://user:[redacted]@db:5432/x and HTTPS://a:[redacted]@host/');
    expect(r.redact(`sig ${sig} and ${sig.toLowerCase()}`)).toBe('sig [redacted] and [redacted]');
  });

  it('leaves ordinary text alone: shorter hex, words that only contain a name', () => {
    const r = createRedactor();
    const text = `id ${'a'.repeat(63)} hash ${'b'.repeat(65)} design=1 keys: 3 signing ok ?keyword=x`;
    expect(r.redact(text)).toBe(text);
  });

  it('registers secrets of six characters or more, and ignores empty values', () => {
    const r = createRedactor();
    for (const v of [undefined, null, '', 'abcde']) r.addSecret(v);
    r.addSecret('abcdef');
    expect(r.redact('abcde abcdef abcdefg')).toBe('abcde [redacted] [redacted]g');
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

describe('redaction of our own sentences', () => {
  const r = createRedactor();
  it('keeps the words of a message that names a signature, secret or password', () => {
    for (const text of [
      'Bybit rejected the request signature: the API secret does not belong to this key (Bybit said: "error sign!")',
      'Check the secret: it must be the one shown when the key was created',
      'password: not set', 'token: a new one is made at each start', 'the secret: is it stored?',
    ]) expect(r.redact(text)).toBe(text);
  });

  it('still masks every value that is not such a word', () => {
    const cases: Array<[string, string]> = [
      ['X-BAPI-SIGN: abc123def', 'abc123def'], ['password: hunter2', 'hunter2'], ['secret=the1', 'the1'], ['signature: thequick', 'thequick'],
      ['password: The.Secret', 'The.Secret'], ['token: notreally', 'notreally'], ['api_key=a', '=a'], ['sign: the-key', 'the-key'],
    ];
    for (const [text, leaked] of cases) expect(r.redact(text), text).not.toContain(leaked);
  });
});
