import type { ApiHandlers } from '../../../shared/api.js';
import type { SettingsService } from './settings-service.js';

type SettingsChannels = 'settings:get' | 'settings:update' | 'accounts:list' | 'accounts:save' | 'accounts:remove' | 'accounts:test';

/** The settings and accounts part of the API handler table (electron/core/api.ts spreads it in). */
export function createSettingsHandlers(settings: SettingsService): Pick<ApiHandlers, SettingsChannels> {
  return {
    'settings:get': async () => settings.get(),
    'settings:update': (patch) => settings.update(patch),
    'accounts:list': () => settings.listAccounts(),
    'accounts:save': (input) => settings.saveAccount(input),
    'accounts:remove': (input) => settings.removeAccount(input),
    'accounts:test': (input) => settings.testAccount(input),
  };
}
