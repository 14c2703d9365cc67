import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, net, Notification, powerMonitor, protocol, session, shell, Tray } from 'electron';
import ElectronStore from 'electron-store';
import { apiEventNames, type ApiClient } from '../../shared/api.js';
import { APP_NAME, resolveDataPaths } from '../core/config/paths.js';
import { createCore, type Core } from '../core/core.js';
import { AppError } from '../core/errors.js';
import { createKeytarStore } from '../core/secrets/keytar-store.js';
import { APP_ENTRY_URL, APP_HOST, APP_SCHEME, registerAppScheme, serveRenderer } from './app-protocol.js';
import { createEventPump, registerApiIpc, type EventPump } from './ipc.js';
import { readKeyExpiries } from './key-expiry.js';
import { bindQuitEvents, createShutdown } from './lifecycle.js';
import { applyLaunchAtLogin, HIDDEN_ARG } from './login-item.js';
import { createNotifier } from './notifier.js';
import { contentSecurityPolicy, hardenSession, hardenWebContents } from './security.js';
import { isTrustedSender } from './sender-guard.js';
import { createElectronSettingsStore, type ConfConstructor } from './settings-store.js';
import { createTrayActions } from './tray-actions.js';
import { createTrayController } from './tray.js';
import { createWindowController, mainWindowOptions } from './window.js';

const MINUTE = 60_000;

/**
 * The Electron composition root. Builds, in this order: single-instance lock → app://
 * scheme → security of sessions and web contents → the core (settings in electron-store,
 * keys in the keychain) → window and IPC → tray → notifications → quit/sleep handling;
 * then starts the scheduler. All state lives in this function's scope.
 */
async function main(): Promise<void> {
  const env = process.env;
  const dev = !app.isPackaged;
  const devServer = dev ? devServerOrigin(env.ELECTRON_RENDERER_URL) : null;
  // Same name as the core's data folder, so userData and DATA_DIR agree with the CLI.
  app.setName(APP_NAME);
  // 1. One instance: a second launch only brings the first one's window forward.
  if (!app.requestSingleInstanceLock()) return app.quit();
  registerAppScheme(protocol);
  await app.whenReady();

  // 2. Security before any page exists.
  const appRoot = app.getAppPath();
  const csp = contentSecurityPolicy(devServer);
  hardenSession(session.defaultSession, { csp, devServerOrigin: devServer });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, (url) => void shell.openExternal(url)));
  // No default menu (its Reload and DevTools entries) on Windows and Linux; macOS keeps its app menu.
  if (process.platform !== 'darwin') Menu.setApplicationMenu(null);
  serveRenderer(protocol, { root: path.join(appRoot, 'renderer', 'dist'), csp });

  // 3. The core.
  const paths = resolveDataPaths(env);
  let core: Core;
  try {
    core = await createCore({
      env, console: null, keychain: createKeytarStore(),
      settingsStore: createElectronSettingsStore({ Store: ElectronStore as unknown as ConfConstructor, dir: paths.dataDir }),
    });
  } catch (e) {
    dialog.showErrorBox('AlphaPulse Sync cannot start', e instanceof AppError ? `${e.message}\n\n${e.recommendation}` : String((e as Error).message ?? e));
    return app.exit(2);
  }
  // electron-store answers its own synchronous IPC query; nothing of ours uses it, so it goes.
  ipcMain.removeAllListeners('electron-store-get-data');
  const log = core.log;
  const invoke: ApiClient = (channel, ...input) => core.invoke(channel, input[0]);
  if (core.settingsRecovered) log.warn('settings were invalid and moved aside', { ...core.settingsRecovered });

  // 4. Window and IPC: one guarded channel, events pumped to the page once it listens.
  const pump: { current: EventPump | null } = { current: null };
  const trustedOrigins = [`${APP_SCHEME}://${APP_HOST}`, ...(devServer ? [devServer] : [])];
  const windows = createWindowController({
    create: (options) => new BrowserWindow(options),
    options: mainWindowOptions({ preload: path.join(appRoot, 'dist', 'shell', 'preload.cjs'), dev }),
    entryUrl: devServer ? `${devServer}/` : APP_ENTRY_URL,
    dock: app.dock,
    warn: (m, d) => log.warn(m, d),
    onCreated: (win) => {
      const own = createEventPump((channel, message) => { if (!win.isDestroyed()) win.webContents.send(channel, message); });
      pump.current = own;
      win.webContents.on('did-start-navigation', (event) => { if (event.isMainFrame && !event.isSameDocument) own.hold(); });
      // Windows reports logout and shutdown to windows only; quitting runs the shutdown.
      win.on('session-end', () => app.quit());
    },
    onClosed: () => { pump.current = null; },
  });
  const disposeIpc = registerApiIpc({
    ipcMain, handlers: core.api, redact: (s) => core.redactor.redact(s), warn: (m, d) => log.warn(m, d),
    isTrustedSender: (event) => isTrustedSender(event, windows.current(), trustedOrigins),
    onReady: () => pump.current?.ready(),
  });
  const unsubscribe = apiEventNames.map((name) => core.events.on(name, (payload) => pump.current?.push(name, payload)));

  // 5. Tray: a pure menu of the app state, redrawn on every status change and each minute.
  let settings = core.settings.get();
  const tray = createTrayController({
    createTray: (image) => new Tray(image), buildMenu: (t) => Menu.buildFromTemplate(t), loadImage: (f) => nativeImage.createFromPath(f),
    iconDir: app.isPackaged ? path.join(process.resourcesPath, 'tray') : path.join(appRoot, 'build', 'tray'),
    platform: process.platform, now: () => new Date(),
    onAction: createTrayActions({ invoke, showWindow: (r) => windows.show(r), settings: () => settings, quit: () => app.quit(), warn: (m, d) => log.warn(m, d) }),
  });
  tray.update({ settings });
  core.events.on('status:changed', (status) => tray.update({ status }));
  const refreshKeychain = (refresh: boolean) => void core.settings.keychainState(refresh).then((keychain) => tray.update({ keychain }));

  // 6. Notifications: the pure policy decides, Electron shows.
  const notifier = createNotifier({
    file: path.join(paths.dataDir, 'notifications.json'), now: () => new Date(), enabled: () => settings.notifications.enabled, warn: (m, d) => log.warn(m, d),
    show: (n) => {
      if (!Notification.isSupported()) return;
      const note = new Notification({ title: n.title, body: n.body });
      note.on('click', () => windows.show());
      note.show();
    },
  });
  core.events.on('sync:finished', (summary) => {
    void notifier.syncFinished(summary);
    // A keychain that failed may have been unlocked since (asked again at most once a sync,
    // since asking a locked macOS keychain prompts the user).
    refreshKeychain(summary.accounts.some((a) => a.error?.errorClass === 'keychain'));
  });
  const loginItem = (enabled: boolean) => applyLaunchAtLogin(enabled, {
    platform: process.platform, setLoginItemSettings: (s) => app.setLoginItemSettings(s),
    autostartDir: path.join(env.XDG_CONFIG_HOME || path.join(app.getPath('home'), '.config'), 'autostart'),
    command: env.APPIMAGE ? [env.APPIMAGE] : app.isPackaged ? [process.execPath] : [process.execPath, appRoot],
  }).catch((e: unknown) => log.warn('launch at login could not be changed', { message: String(e) }));
  core.events.on('settings:changed', (next) => {
    if (next.launchAtLogin !== settings.launchAtLogin) void loginItem(next.launchAtLogin);
    settings = next;
    tray.update({ settings });
  });
  const checkKeys = () => void core.settings.listAccounts()
    .then((list) => readKeyExpiries(list.accounts, (ref) => invoke('accounts:test', ref)))
    .then((keys) => {
      tray.update({ keyExpiries: keys });
      return notifier.keysChecked(keys);
    }, (e: unknown) => log.warn('key expiry check failed', { message: String(e) }));

  // 7. Quit, logout, shutdown and sleep.
  const timers: NodeJS.Timeout[] = [];
  const afterWake: { timer: NodeJS.Timeout | null } = { timer: null };
  const shutdown = createShutdown({
    log,
    stopUi: () => {
      for (const t of [...timers, afterWake.timer]) if (t) clearTimeout(t);
      for (const off of unsubscribe) off();
      disposeIpc();
      tray.destroy();
      windows.destroy();
    },
    // Quitting stops a running sync (rolled back, recorded) rather than waiting for it.
    closeCore: () => core.close({ cancelRunning: true, reason: 'the app is quitting' }),
  });
  bindQuitEvents({ app, powerMonitor, signals: process }, shutdown);
  app.on('second-instance', () => windows.show());
  powerMonitor.on('resume', () => {
    // The scheduler keeps wall-clock time; re-arming it a little after wake (once the
    // network is back) runs a sync that came due during sleep.
    if (afterWake.timer) clearTimeout(afterWake.timer);
    afterWake.timer = setTimeout(() => core.scheduler.configure(core.config.sync), 10_000);
  });

  // 8. Start.
  await notifier.start(await invoke('status:get').catch(() => null));
  await core.scheduler.start();
  void loginItem(settings.launchAtLogin);
  refreshKeychain(false);
  timers.push(setInterval(() => tray.update({ online: net.isOnline() }), MINUTE));
  timers.push(setTimeout(checkKeys, 2 * MINUTE), setInterval(checkKeys, 24 * 60 * MINUTE));
  const startedHidden = process.argv.includes(HIDDEN_ARG) || app.getLoginItemSettings().wasOpenedAtLogin;
  if (!startedHidden) windows.show();
}

/** ELECTRON_RENDERER_URL in development: a Vite dev server on this machine, nothing else. */
function devServerOrigin(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(url.hostname) ? url.origin : null;
  } catch {
    return null;
  }
}

main().catch((e: unknown) => {
  dialog.showErrorBox('AlphaPulse Sync stopped', String((e as Error).stack ?? e));
  app.exit(1);
});
