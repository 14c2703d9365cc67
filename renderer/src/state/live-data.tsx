import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import type { RendererApi } from '../../../electron/preload/types.js';
import type { AccountsView, AppStatus, SettingsView } from '../../../shared/domain.js';
import { useApiEvent } from '../api/index.js';
import { useQuery, type Query } from './use-query.js';

/**
 * What several screens share, loaded once and kept current by pushed events: the
 * status (`status:changed`), the settings (`settings:changed`) and the accounts. Each
 * has its own context so a status push does not re-render the settings form.
 */
const StatusContext = createContext<Query<AppStatus> | null>(null);
const SettingsContext = createContext<Query<SettingsView> | null>(null);
const AccountsContext = createContext<Query<AccountsView> | null>(null);
/** Bumped when a sync finishes: screens showing synced data load it again. */
const DataVersionContext = createContext(0);

const loadStatus = (api: RendererApi) => api.invoke('status:get');
const loadSettings = (api: RendererApi) => api.invoke('settings:get');
const loadAccounts = (api: RendererApi) => api.invoke('accounts:list');

function sameAccounts(status: AppStatus, view: AccountsView | null): boolean {
  if (view === null) return true;
  const a = status.accounts.map((x) => `${x.exchangeId}/${x.account}`).sort().join();
  const b = view.accounts.map((x) => `${x.exchangeId}/${x.id}`).sort().join();
  return a === b;
}

export function LiveDataProvider({ children }: { children: ReactNode }) {
  const status = useQuery('status', loadStatus);
  const settings = useQuery('settings', loadSettings);
  const accounts = useQuery('accounts', loadAccounts);
  const [dataVersion, setDataVersion] = useState(0);

  const { set: setStatus } = status;
  const { set: setSettings } = settings;
  const { reload: reloadAccounts, data: accountsData } = accounts;
  useApiEvent('status:changed', useCallback((s: AppStatus) => {
    setStatus(s);
    // Accounts changed elsewhere (another window, the CLI): the status lists the configured ones.
    if (!sameAccounts(s, accountsData)) reloadAccounts();
  }, [setStatus, reloadAccounts, accountsData]));
  useApiEvent('settings:changed', setSettings);
  useApiEvent('sync:finished', useCallback(() => setDataVersion((n) => n + 1), []));

  return (
    <StatusContext.Provider value={status}>
      <SettingsContext.Provider value={settings}>
        <AccountsContext.Provider value={accounts}>
          <DataVersionContext.Provider value={dataVersion}>{children}</DataVersionContext.Provider>
        </AccountsContext.Provider>
      </SettingsContext.Provider>
    </StatusContext.Provider>
  );
}

function required<T>(value: T | null, name: string): T {
  if (value === null) throw new Error(`${name} is used outside LiveDataProvider`);
  return value;
}

export const useStatus = () => required(useContext(StatusContext), 'useStatus');
export const useSettings = () => required(useContext(SettingsContext), 'useSettings');
export const useAccounts = () => required(useContext(AccountsContext), 'useAccounts');
export const useDataVersion = () => useContext(DataVersionContext);
