import type { Session, WebContents, WebPreferences } from 'electron';

/**
 * The Content-Security-Policy of the window. Production: only the app's own files, no
 * inline script, no remote anything. Development against a Vite dev server also allows
 * that server (and its hot-reload socket and inline preamble).
 */
export function contentSecurityPolicy(devServerOrigin: string | null = null): string {
  const dev = devServerOrigin ? ` ${devServerOrigin}` : '';
  const devSocket = devServerOrigin ? ` ${devServerOrigin.replace(/^http/, 'ws')}` : '';
  return [
    "default-src 'none'",
    `script-src 'self'${dev}${devServerOrigin ? " 'unsafe-inline'" : ''}`,
    `style-src 'self'${dev}${devServerOrigin ? " 'unsafe-inline'" : ''}`,
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${dev}${devSocket}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Web preferences of every window: isolated, sandboxed, no Node; DevTools only in development. */
export function secureWebPreferences(preload: string, dev: boolean): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: dev,
  };
}

/** Sites a link in the window may open in the user's browser; everything else is ignored. */
export const EXTERNAL_LINK_DOMAINS = ['bybit.com', 'bybit.eu', 'bybit.nl', 'bybit.kz', 'bybitglobal.com', 'github.com'] as const;

/** https only, no credentials or odd ports, host on the allow-list (or a subdomain of it). */
export function isAllowedExternalUrl(raw: string, domains: readonly string[] = EXTERNAL_LINK_DOMAINS): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return false;
  const host = url.hostname.toLowerCase();
  return domains.some((d) => host === d || host.endsWith(`.${d}`));
}

/**
 * What the window's session may load: the app's own scheme, DevTools, inline data, and
 * in development the dev server. Remote content is never loaded.
 */
export function isAllowedRequest(raw: string, devServerOrigin: string | null = null): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (['app:', 'devtools:', 'data:', 'blob:'].includes(url.protocol)) return true;
  if (!devServerOrigin) return false;
  const dev = new URL(devServerOrigin);
  return (url.protocol === dev.protocol || url.protocol === dev.protocol.replace('http', 'ws')) && url.host === dev.host;
}

/** Response headers with our CSP in place of any the response brought. */
export function withCsp(headers: Record<string, string[]> | undefined, csp: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [csp];
  return out;
}

/** Denies every permission, blocks remote requests and sets the CSP on every response. */
export function hardenSession(ses: Session, opts: { csp: string; devServerOrigin: string | null }): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url, opts.devServerOrigin) }));
  ses.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withCsp(details.responseHeaders, opts.csp) }));
}

type HardenableContents = Pick<WebContents, 'setWindowOpenHandler' | 'on'>;

/**
 * Every web contents (the window, and any that might appear): new windows are denied,
 * navigation away from the loaded page is denied, <webview> is refused. Links to
 * allowed sites open in the user's browser instead.
 */
export function hardenWebContents(contents: HardenableContents, openExternal: (url: string) => void): void {
  const maybeOpen = (url: string) => {
    if (isAllowedExternalUrl(url)) openExternal(url);
  };
  contents.setWindowOpenHandler(({ url }) => {
    maybeOpen(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    maybeOpen(url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
