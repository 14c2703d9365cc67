import type { ApiClient } from '../../shared/api.js';
import type { SettingsView } from '../../shared/domain.js';
import type { TrayAction } from './tray-menu.js';

export interface TrayActionDeps {
  invoke: ApiClient;
  showWindow: (route?: string) => void;
  settings: () => SettingsView;
  quit: () => void;
  warn: (message: string, data?: Record<string, unknown>) => void;
}

/** What each tray entry does; every change goes through the API like the window's would. */
export function createTrayActions(deps: TrayActionDeps): (action: TrayAction) => void {
  const call = (what: string, p: Promise<unknown>) => {
    // Failures are already recorded (sync history) or shown (status); the log keeps the rest.
    p.catch((e: unknown) => deps.warn(`tray: ${what} failed`, { message: String((e as Error).message ?? e) }));
  };
  return (action) => {
    switch (action) {
      case 'sync-now': return call('sync', deps.invoke('sync:run', { trigger: 'tray', force: true }));
      case 'open-dashboard': return deps.showWindow();
      case 'run-diagnostics': return deps.showWindow('diagnostics');
      case 'open-settings': return deps.showWindow('settings');
      case 'toggle-pause': return call('pause/resume', deps.invoke('settings:update', { sync: { enabled: !deps.settings().sync.enabled } }));
      case 'toggle-launch-at-login': return call('launch at login', deps.invoke('settings:update', { launchAtLogin: !deps.settings().launchAtLogin }));
      case 'quit': return deps.quit();
    }
  };
}
