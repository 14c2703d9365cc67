import { describe, expect, it } from 'vitest';
import { BARE_HEADERS, securityHeaders } from '../../../electron/core/transport/security-headers.js';

describe('security headers of serve', () => {
  it('a strict CSP: own files only, no inline code, WebSocket back to this host only', () => {
    const h = securityHeaders('localhost:8780');
    expect(h['Content-Security-Policy']!.split('; ')).toEqual([
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self' ws://localhost:8780",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ]);
  });

  it('no sniffing, no referrer, no framing, isolated, no powerful features', () => {
    const { 'Content-Security-Policy': _csp, ...rest } = securityHeaders('127.0.0.1:9000');
    expect(rest).toEqual({
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), clipboard-read=()',
    });
  });

  it('answers that never reach a page allow nothing at all', () => {
    expect(BARE_HEADERS).toEqual({
      'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
    });
  });
});
