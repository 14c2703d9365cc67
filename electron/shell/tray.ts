import path from 'node:path';
import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import { buildTrayMenu, trayIconState, trayTooltip, type TrayAction, type TrayIconState, type TrayInput, type TrayMenuItem } from './tray-menu.js';

/** The icon file of a state (build/tray/); paused shares the grey "offline" icon, macOS gets template images. */
export function trayIconFile(state: TrayIconState, platform: NodeJS.Platform): string {
  const name = state === 'paused' ? 'offline' : state;
  return platform === 'darwin' ? `tray-${name}Template.png` : `tray-${name}.png`;
}

/** Electron menu entries for the pure menu model; clicks become actions. */
export function toMenuTemplate(items: readonly TrayMenuItem[], onAction: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'separator': return { type: 'separator' };
      case 'info': return { label: item.label, enabled: false };
      case 'action': return { label: item.label, enabled: item.enabled, click: () => onAction(item.action) };
      case 'checkbox': return { type: 'checkbox', label: item.label, checked: item.checked, enabled: item.enabled, click: () => onAction(item.action) };
    }
  });
}

export interface TrayDeps {
  createTray: (image: NativeImage) => Tray;
  buildMenu: (template: MenuItemConstructorOptions[]) => Menu;
  loadImage: (file: string) => NativeImage;
  iconDir: string;
  platform: NodeJS.Platform;
  now: () => Date;
  onAction: (action: TrayAction) => void;
}

export interface TrayController {
  /** Merges what changed and redraws icon, tooltip and menu. */
  update(patch: Partial<Omit<TrayInput, 'now'>>): void;
  destroy(): void;
}

export function createTrayController(deps: TrayDeps): TrayController {
  const input: Omit<TrayInput, 'now'> = { status: null, settings: null, keychain: null, online: true };
  const images = new Map<TrayIconState, NativeImage>();
  const image = (state: TrayIconState) => {
    let img = images.get(state);
    if (!img) {
      img = deps.loadImage(path.join(deps.iconDir, trayIconFile(state, deps.platform)));
      if (deps.platform === 'darwin') img.setTemplateImage(true);
      images.set(state, img);
    }
    return img;
  };
  const tray = deps.createTray(image('idle'));
  // macOS opens the menu on click; elsewhere a left click opens the window, as users expect.
  if (deps.platform !== 'darwin') tray.on('click', () => deps.onAction('open-dashboard'));
  let shownState: TrayIconState = 'idle';
  const render = () => {
    if (tray.isDestroyed()) return;
    const full: TrayInput = { ...input, now: deps.now() };
    const state = trayIconState(full);
    if (state !== shownState) {
      tray.setImage(image(state));
      shownState = state;
    }
    tray.setToolTip(trayTooltip(full));
    tray.setContextMenu(deps.buildMenu(toMenuTemplate(buildTrayMenu(full), deps.onAction)));
  };
  render();
  return {
    update(patch) {
      Object.assign(input, patch);
      render();
    },
    destroy() {
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}
