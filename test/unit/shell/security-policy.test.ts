import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, EXTERNAL_LINK_DOMAINS, isAllowedExternalUrl, isAllowedRequest, secureWebPreferences, withCsp } from '../../../electron/shell/security.js';

// The window's security settings, word for word: a loosened directive or preference
// must fail here, not only in review.
describe('window security, exactly', () => {
  it('the production CSP', () => {
    expect(contentSecurityPolicy().split('; ')).toEqual([
      "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self'", "connect-src 'self'",
      "object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-src 'none'", "frame-ancestors 'none'",
    ]);
  });

  it('the development CSP adds the dev server, its socket and its inline preamble, nothing more', () => {
    expect(contentSecurityPolicy('http://localhost:5173').split('; ')).toEqual([
      "default-src 'none'", "script-src 'self' http://localhost:5173 'unsafe-inline'", "style-src 'self' http://localhost:5173 'unsafe-inline'",
      "img-src 'self' data:", "font-src 'self'", "connect-src 'self' http://localhost:5173 ws://localhost:5173",
      "object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-src 'none'", "frame-ancestors 'none'",
    ]);
    // Only a leading "http" becomes "ws".
    expect(contentSecurityPolicy('https://http.local:5173')).toContain("connect-src 'self' https://http.local:5173 wss://http.local:5173");
  });

  it.each([false, true])('web preferences (development %s)', (dev) => {
    expect(secureWebPreferences('/app/preload.cjs', dev)).toEqual({
      preload: '/app/preload.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false, experimentalFeatures: false,
      navigateOnDragDrop: false, safeDialogs: true, spellcheck: false, devTools: dev,
    });
  });

  it('a response without headers still gets the CSP', () => {
    expect(withCsp(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] });
    expect(withCsp({ 'Content-Security-Policy': ['a'], 'CONTENT-SECURITY-POLICY': ['b'] }, 'x')).toEqual({ 'Content-Security-Policy': ['x'] });
  });
});

describe('what the window may load', () => {
  it.each(['app://alphapulse/index.html', 'devtools://devtools/bundled/x.js', 'data:image/png;base64,AAAA', 'blob:app://alphapulse/1234'])('%s: its own kinds of URL', (url) => {
    expect(isAllowedRequest(url)).toBe(true);
  });

  it.each(['https://cdn.example/x.js', 'file:///etc/passwd', 'ws://localhost:5173/', 'not a url'])('%s: nothing else in production', (url) => {
    expect(isAllowedRequest(url)).toBe(false);
  });

  it('in development only the dev server, by scheme and host', () => {
    const dev = 'http://localhost:5173';
    expect(isAllowedRequest('http://localhost:5173/x', dev)).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/', dev)).toBe(true);
    expect(isAllowedRequest('https://localhost:5173/x', dev)).toBe(false);
    expect(isAllowedRequest('ftp://localhost:5173/x', dev)).toBe(false);
    expect(isAllowedRequest('http://127.0.0.1:5173/x', dev)).toBe(false);
  });
});

describe('external links, exactly', () => {
  it('every listed site and its subdomains, over https', () => {
    expect(EXTERNAL_LINK_DOMAINS).toEqual(['bybit.com', 'bybit.eu', 'bybit.nl', 'bybit.kz', 'bybitglobal.com', 'github.com']);
    for (const d of EXTERNAL_LINK_DOMAINS) {
      expect(isAllowedExternalUrl(`https://${d}/`), d).toBe(true);
      expect(isAllowedExternalUrl(`https://www.${d.toUpperCase()}/x`), d).toBe(true);
    }
  });

  it('a username alone, or a custom list, are honoured', () => {
    expect(isAllowedExternalUrl('https://user@github.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://:pw@github.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://example.org/', ['example.org'])).toBe(true);
    expect(isAllowedExternalUrl('https://github.com/', ['example.org'])).toBe(false);
  });
});
