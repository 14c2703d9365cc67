/**
 * Removes secrets from any text before it is logged, stored or shown. ccxt error
 * messages embed URLs, headers and bodies, and those can carry the API key and a
 * signature; so every message passes through here, not just the ones we expect.
 */
export interface Redactor {
  /** Registers a value that must never appear anywhere (API key, secret, passphrase). */
  addSecret(value: string | undefined | null): void;
  redact(text: string): string;
}

const MASK = '[redacted]';
// Names whose values are credentials or signatures, in query strings, JSON, headers.
const SENSITIVE_NAMES = 'api[_-]?key|apikey|x-bapi-api-key|x-bapi-sign|sign|signature|secret|api[_-]?secret|password|passphrase|pass|token|access[_-]?key';
const QUERY_PARAM = new RegExp(`([?&;](?:${SENSITIVE_NAMES})=)[^&#\\s"']*`, 'gi');
const JSON_FIELD = new RegExp(`("(?:${SENSITIVE_NAMES})"\\s*:\\s*)"[^"]*"`, 'gi');
// A sentence of our own ("the request signature: the API secret does not…") is not a
// header: after "name: " a function word followed by a space (or the end) is prose and
// stays. "name=value", "name:value" and any other word after "name: " are still masked.
const PROSE_WORD = '(?:the|a|an|is|are|was|were|not|no|it|its|this|that|your|our|of|for|to|in|on|at|by|from|with|and|or|does|did|has|have|had|must|may|can|will|should)';
const HEADER_LIKE = new RegExp(`(\\b(?:${SENSITIVE_NAMES})\\b(?:\\s*=\\s*|\\s*:(?:\\s+(?!${PROSE_WORD}(?:\\s|$)))?))([^\\s,;&"'}]+)`, 'gi');
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/\s@]+:)[^@/\s]+@/gi;
// HMAC-SHA256 signatures are 64 hex characters.
const HEX_SIGNATURE = /\b[0-9a-f]{64}\b/gi;

export function createRedactor(): Redactor {
  const secrets = new Set<string>();
  return {
    addSecret(value) {
      // Very short values would mask ordinary words; keys and secrets are long.
      if (value && value.length >= 6) secrets.add(value);
    },
    redact(text) {
      let out = text;
      for (const s of secrets) out = out.split(s).join(MASK);
      return out
        .replace(URL_USERINFO, `$1${MASK}@`)
        .replace(QUERY_PARAM, `$1${MASK}`)
        .replace(JSON_FIELD, `$1"${MASK}"`)
        .replace(HEADER_LIKE, `$1${MASK}`)
        .replace(HEX_SIGNATURE, MASK);
    },
  };
}
