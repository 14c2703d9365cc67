import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { secureWebPreferences } from './security.js';

/** The dashboard window: hidden until painted, and locked down (security.ts). */
export function mainWindowOptions(opts: { preload: string; dev: boolean; icon?: string }): BrowserWindowConstructorOptions {
  return {
    width: 1180,
    height: 760,
    minWidth: 760,
    minHeight: 520,
    show: false,
    title: 'AlphaPulse Sync',
    backgroundColor: '#111418',
    autoHideMenuBar: true,
    ...(opts.icon ? { icon: opts.icon } : {}),
    webPreferences: secureWebPreferences(opts.preload, opts.dev),
  };
}

export interface WindowControllerDeps {
  create: (options: BrowserWindowConstructorOptions) => BrowserWindow;
  options: BrowserWindowConstructorOptions;
  /** The renderer's entry (app://alphapulse/index.html, or the dev server). */
  entryUrl: string;
  /** Wires a new window (its event pump, session end). */
  onCreated: (win: BrowserWindow) => void;
  onClosed: () => void;
  /** macOS: the Dock icon shows only while the window is open. */
  dock?: { show(): unknown; hide(): void };
  warn: (message: string, data?: Record<string, unknown>) => void;
}

export interface WindowController {
  /** Opens the window (or brings it forward), optionally at a route such as "settings". */
  show(route?: string): void;
  current(): BrowserWindow | null;
  destroy(): void;
}

/**
 * One window at most. Closing it destroys it (the renderer's memory is freed) while the
 * app stays in the tray; the tray or a second launch opens a new one.
 */
export function createWindowController(deps: WindowControllerDeps): WindowController {
  let win: BrowserWindow | null = null;
  const urlFor = (route?: string) => (route ? `${deps.entryUrl}#/${route}` : deps.entryUrl);
  const load = (w: BrowserWindow, url: string) => {
    w.loadURL(url).catch((e: unknown) => deps.warn('the window could not load the dashboard', { message: String(e) }));
  };
  return {
    show(route) {
      if (win && !win.isDestroyed()) {
        if (route) load(win, urlFor(route));
        if (win.isMinimized()) win.restore();
        win.show();
        win.focus();
        return;
      }
      const w = deps.create(deps.options);
      win = w;
      void deps.dock?.show();
      w.once('ready-to-show', () => w.show());
      w.on('closed', () => {
        if (win === w) win = null;
        deps.dock?.hide();
        deps.onClosed();
      });
      deps.onCreated(w);
      load(w, urlFor(route));
    },
    current: () => (win && !win.isDestroyed() ? win : null),
    destroy() {
      if (win && !win.isDestroyed()) win.destroy();
      win = null;
    },
  };
}
