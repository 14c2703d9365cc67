import fs from 'node:fs/promises';
import path from 'node:path';

/** Passed when the OS starts the app at login: it then stays in the tray without opening the window. */
export const HIDDEN_ARG = '--hidden';

export interface LoginItemDeps {
  platform: NodeJS.Platform;
  /** app.setLoginItemSettings (macOS and Windows). */
  setLoginItemSettings: (settings: { openAtLogin: boolean; args?: string[] }) => void;
  /** Linux: the XDG autostart folder (~/.config/autostart). */
  autostartDir: string;
  /** The program and arguments that start the app (the AppImage when run from one). */
  command: string[];
}

const DESKTOP_FILE = 'alphapulse-sync.desktop';

/** An XDG autostart entry; arguments are quoted as the Desktop Entry spec asks. */
export function autostartEntry(command: readonly string[]): string {
  const quote = (arg: string) => (/[\s"'\\$`]/.test(arg) ? `"${arg.replace(/(["`$\\])/g, '\\$1')}"` : arg);
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=AlphaPulse Sync',
    'Comment=Keeps your exchange portfolio in your own PostgreSQL',
    `Exec=${[...command, HIDDEN_ARG].map(quote).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * Makes "Launch at login" true of the system: Electron's login items on macOS and
 * Windows, an XDG autostart file on Linux (Electron has no login items there).
 */
export async function applyLaunchAtLogin(enabled: boolean, deps: LoginItemDeps): Promise<void> {
  if (deps.platform === 'darwin' || deps.platform === 'win32') {
    deps.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_ARG] });
    return;
  }
  const file = path.join(deps.autostartDir, DESKTOP_FILE);
  if (!enabled) {
    await fs.rm(file, { force: true });
    return;
  }
  await fs.mkdir(deps.autostartDir, { recursive: true });
  await fs.writeFile(file, autostartEntry(deps.command), { mode: 0o644 });
}
