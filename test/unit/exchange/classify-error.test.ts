import { describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/core/errors.js';
import { BadResponseError, classifyExchangeError, type ErrorContext } from '../../../electron/core/exchange/classify-error.js';
import { createRedactor } from '../../../electron/core/redact.js';

// ccxt's error classes are told apart by name along the prototype chain, as here.
class ExchangeError extends Error {}
class AuthenticationError extends ExchangeError {}
class PermissionDenied extends AuthenticationError {}
class AccountSuspended extends AuthenticationError {}
class BadRequest extends ExchangeError {}
class BadSymbol extends BadRequest {}
class NetworkError extends Error {}
class DDoSProtection extends NetworkError {}
class RateLimitExceeded extends DDoSProtection {}
class ExchangeNotAvailable extends NetworkError {}
class OnMaintenance extends ExchangeNotAvailable {}
class InvalidNonce extends NetworkError {}
class RequestTimeout extends NetworkError {}
class BadResponse extends ExchangeError {}
class NullResponse extends BadResponse {}
/** A subclass ccxt might add later: classified by its nearest known ancestor. */
class SomeNewTimeout extends RequestTimeout {}

function ctx(over: Partial<ErrorContext> = {}): ErrorContext {
  const redactor = createRedactor();
  redactor.addSecret('KEY-abcdef123');
  return { exchangeName: 'Bybit', testnet: false, demo: false, redactor, ...over };
}

const bybit = (code: number | string, msg: string) => new Error(`bybit {"retCode":${JSON.stringify(code)},"retMsg":"${msg}","result":{}}`);

describe('classifying exchange errors by Bybit retCode', () => {
  it.each([
    [10002, 'clock', true, 'Bybit rejected the request time: this computer\'s clock is off (Bybit said: "m")', /automatic time sync/],
    [10003, 'auth', false, 'Bybit says the API key is invalid (Bybit said: "m")', /copied whole.*testnet or in demo trading does not work on the main site/],
    [10004, 'auth', false, 'Bybit rejected the signature of the request, so the API secret does not belong to this key (Bybit said: "m")', /API secret again/],
    [10005, 'permission', false, 'The API key has no permission to read the Funding wallet (Bybit said: "m")', /Edit the key on Bybit and grant the read permission it lacks \(a read-only key/],
    [10006, 'rate-limit', true, 'Bybit rate limit reached (Bybit said: "m")', /waits and tries again/],
    [10010, 'ip', false, 'Bybit refused this computer\'s IP address for the key (Bybit said: "m")', /public IP address/],
    [33004, 'auth', false, 'The API key has expired (Bybit said: "m")', /new read-only key on Bybit/],
  ])('%s → %s', (code, errorClass, transient, message, recommendation) => {
    const cause = bybit(code, 'm');
    const e = classifyExchangeError(cause, ctx({ what: 'the Funding wallet' }));
    expect(e).toBeInstanceOf(AppError);
    expect({ errorClass: e.errorClass, transient: e.transient, message: e.message, cause: e.cause }).toEqual({ errorClass, transient, message, cause });
    expect(e.recommendation).toMatch(recommendation);
    expect(e.retryAfterMs).toBeNull();
  });

  it('reads the code and message however Bybit spells them (ret_code, a quoted code)', () => {
    const e = classifyExchangeError(new Error('{"ret_code": "10010", "ret_msg":"unmatched IP"}'), ctx());
    expect(e).toMatchObject({ errorClass: 'ip', message: 'Bybit refused this computer\'s IP address for the key (Bybit said: "unmatched IP")' });
    const lower = classifyExchangeError(new Error('{"retcode":10003,"retmsg":"bad key"}'), ctx());
    expect(lower.message).toBe('Bybit says the API key is invalid (Bybit said: "bad key")');
  });

  it('reads the code and message with spaces around the colon', () => {
    expect(classifyExchangeError(new Error('{"retCode" :10003, "retMsg" : "spaced"}'), ctx()).message).toBe('Bybit says the API key is invalid (Bybit said: "spaced")');
  });

  it('names its own parse errors', () => {
    expect(new BadResponseError('x').name).toBe('BadResponseError');
  });

  it('without a message, says nothing more', () => {
    expect(classifyExchangeError(new Error('{"retCode":10003}'), ctx()).message).toBe('Bybit says the API key is invalid');
    expect(classifyExchangeError(bybit(10003, '   '), ctx()).message).toBe('Bybit says the API key is invalid');
  });

  it('keeps at most 200 characters of the message, redacted', () => {
    const e = classifyExchangeError(bybit(10003, `key KEY-abcdef123 ${'x'.repeat(300)}`), ctx());
    expect(e.message).toBe(`Bybit says the API key is invalid (Bybit said: "key [redacted] ${'x'.repeat(200 - 'key KEY-abcdef123 '.length)}")`);
  });

  it('drops the signed string a 10004 answer quotes, and whatever follows it', () => {
    const e = classifyExchangeError(bybit(10004, 'error sign!, origin_string[1795300647978KEY-abcdef1235000accountType=UNIFIED]'), ctx());
    expect(e.message).toBe('Bybit rejected the signature of the request, so the API secret does not belong to this key (Bybit said: "error sign!")');
  });

  it('the permission message names what was read, or "this data"', () => {
    expect(classifyExchangeError(bybit(10005, 'no'), ctx()).message).toBe('The API key has no permission to read this data (Bybit said: "no")');
  });

  it('an invalid key on testnet or demo says which keys work there', () => {
    expect(classifyExchangeError(bybit(10003, 'x'), ctx({ testnet: true })).recommendation).toMatch(/set to testnet: only keys created on testnet work/);
    expect(classifyExchangeError(bybit(10003, 'x'), ctx({ demo: true })).recommendation).toMatch(/set to demo trading: only keys created in demo mode work/);
    expect(classifyExchangeError(bybit(10003, 'x'), ctx({ demo: true, testnet: true })).recommendation).toMatch(/demo/);
  });

  it('an unknown code falls back to the kind of error', () => {
    const e = classifyExchangeError(Object.assign(new BadRequest('{"retCode":170131,"retMsg":"Insufficient balance"}')), ctx());
    expect(e).toMatchObject({ errorClass: 'bad-response', message: 'Bybit refused the request (Bybit said: "Insufficient balance")', transient: false });
  });
});

describe('classifying by the kind of error', () => {
  it.each([
    ['InvalidNonce', new InvalidNonce('nonce'), 'clock', true, "Bybit rejected the request time: this computer's clock is off", /time sync/],
    ['AccountSuspended', new AccountSuspended('x'), 'permission', false, 'The API key has no permission to read this data', /grant the read permission it lacks\.$/],
    ['PermissionDenied', new PermissionDenied('x'), 'permission', false, 'The API key has no permission to read this data', /Edit the key on Bybit/],
    ['AuthenticationError', new AuthenticationError('x'), 'auth', false, 'Bybit did not accept the API key', /^Check the API key and secret\. A key created on testnet/],
    ['DDoSProtection', new DDoSProtection('x'), 'rate-limit', true, 'Bybit is limiting requests from this key or IP address', /waits and tries again/],
    ['RateLimitExceeded', new RateLimitExceeded('x'), 'rate-limit', true, 'Bybit is limiting requests from this key or IP address', /waits/],
    ['OnMaintenance', new OnMaintenance('x'), 'exchange-down', true, 'Bybit is not answering properly (server error or maintenance)', /status page/],
    ['ExchangeNotAvailable', new ExchangeNotAvailable('x'), 'exchange-down', true, 'Bybit is not answering properly (server error or maintenance)', /tries again later/],
    ['RequestTimeout', new RequestTimeout('x'), 'network', true, 'Bybit did not answer in time', /internet connection/],
    ['a subclass of RequestTimeout', new SomeNewTimeout('x'), 'network', true, 'Bybit did not answer in time', /proxy\/VPN/],
    ['NetworkError', new NetworkError('request failed: socket hang up'), 'network', true, 'Could not reach Bybit (socket hang up)', /regional API URL/],
    ['NetworkError without detail', new NetworkError('failed'), 'network', true, 'Could not reach Bybit', /firewall/],
    ['NullResponse', new NullResponse('x'), 'bad-response', true, 'Bybit sent an answer that could not be read', /Usually temporary/],
    ['BadResponse', new BadResponse('x'), 'bad-response', true, 'Bybit sent an answer that could not be read', /next sync/],
    ['BadSymbol', new BadSymbol('x'), 'bad-response', false, 'Bybit refused the request', /diagnostics report/],
    ['BadRequest', new BadRequest('x'), 'bad-response', false, 'Bybit refused the request', /report it/],
    ['ExchangeError', new ExchangeError('x'), 'bad-response', false, 'Bybit refused the request', /keeps happening/],
  ])('%s', (_name, err, errorClass, transient, message, recommendation) => {
    const e = classifyExchangeError(err, ctx());
    expect({ errorClass: e.errorClass, transient: e.transient, message: e.message }).toEqual({ errorClass, transient, message });
    expect(e.recommendation).toMatch(recommendation);
    expect(e.cause).toBe(err);
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', 'certificate'])('names the network failure %s', (detail) => {
    expect(classifyExchangeError(new NetworkError(`fetch failed: ${detail.toLowerCase()} somewhere`), ctx()).message).toBe(`Could not reach Bybit (${detail.toLowerCase()})`);
  });

  it('a parser that found the wrong shape: bad-response with its own words, redacted', () => {
    const e = classifyExchangeError(new BadResponseError('the Funding wallet: result.list is missing (KEY-abcdef123)'), ctx());
    expect(e).toMatchObject({ errorClass: 'bad-response', transient: false, message: 'Bybit sent an answer that could not be read: the Funding wallet: result.list is missing ([redacted])' });
    expect(e.recommendation).toMatch(/changed its API/);
  });

  it('a system error code, on the error or its cause, is a network failure', () => {
    const own = classifyExchangeError(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }), ctx());
    expect(own).toMatchObject({ errorClass: 'network', transient: true, message: 'Could not reach Bybit (ECONNREFUSED)' });
    expect(own.recommendation).toMatch(/firewall, proxy or VPN\.$/);
    const inCause = classifyExchangeError(new Error('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ENOTFOUND' }) }), ctx());
    expect(inCause).toMatchObject({ errorClass: 'network', message: 'Could not reach Bybit (ENOTFOUND)' });
  });

  it.each([
    ['a code that is not a system error', Object.assign(new Error('odd'), { code: 'E' }), 'odd'],
    ['a lower-case code', Object.assign(new Error('odd'), { code: 'econnreset' }), 'odd'],
    ['a numeric code', Object.assign(new Error('odd'), { code: 5 }), 'odd'],
    ['a code inside a word', Object.assign(new Error('odd'), { code: 'xECONNRESET' }), 'odd'],
    ['a code that is not a string', Object.assign(new Error('odd'), { code: ['ECONNRESET'] }), 'odd'],
  ])('anything else is internal: %s', (_name, err, raw) => {
    const e = classifyExchangeError(err, ctx());
    expect(e).toMatchObject({ errorClass: 'internal', transient: false, message: `Unexpected failure while reading Bybit: ${raw}` });
    expect(e.recommendation).toMatch(/Run the diagnostics/);
  });

  it('an unexpected failure keeps 200 characters of its text, redacted; a thrown non-Error too', () => {
    const e = classifyExchangeError(new TypeError(`boom KEY-abcdef123 ${'y'.repeat(400)}`), ctx());
    expect(e.message).toBe(`Unexpected failure while reading Bybit: ${`boom [redacted] ${'y'.repeat(400)}`.slice(0, 200)}`);
    expect(classifyExchangeError('plain string', ctx()).message).toBe('Unexpected failure while reading Bybit: plain string');
    expect(classifyExchangeError(null, ctx()).errorClass).toBe('internal');
    // A thrown object without a constructor (not every thrown value is an Error).
    expect(classifyExchangeError({ constructor: undefined, toString: () => 'odd object' }, ctx()).message).toBe('Unexpected failure while reading Bybit: odd object');
  });

  it('an AppError passes through unchanged', () => {
    const app = new AppError('network', 'x', 'y', { transient: true, retryAfterMs: 5 });
    expect(classifyExchangeError(app, ctx())).toBe(app);
  });
});
