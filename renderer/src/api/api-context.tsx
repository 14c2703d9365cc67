import { createContext, useContext, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { ApiEvents } from '../../../shared/api.js';
import type { RendererApi } from '../../../electron/preload/types.js';
import type { ConnectionStatus } from './connection.js';
import { getApi, type ApiHandle } from './get-api.js';

const ApiContext = createContext<ApiHandle | null>(null);

/**
 * Gives the screens the API. Without `handle` it uses {@link getApi}: `window.api` in
 * Electron, the `serve` WebSocket in a browser.
 */
export function ApiProvider({ handle, children }: { handle?: ApiHandle; children: ReactNode }) {
  // Created once per provider; the WebSocket connects on first use, so a discarded
  // StrictMode render never opens one.
  const [value] = useState(() => handle ?? getApi());
  return <ApiContext.Provider value={value}>{children}</ApiContext.Provider>;
}

function useHandle(): ApiHandle {
  const handle = useContext(ApiContext);
  if (!handle) throw new Error('useApi() needs an <ApiProvider> above it');
  return handle;
}

/** The API (`invoke` and `on`), the same object type as `window.api`. */
export function useApi(): RendererApi {
  return useHandle().api;
}

/** Calls `listener` for each pushed `event` while the component is mounted; the latest listener is used. */
export function useApiEvent<E extends keyof ApiEvents>(event: E, listener: (payload: ApiEvents[E]) => void): void {
  const api = useApi();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => api.on(event, (payload) => latest.current(payload)), [api, event]);
}

/** The connection to the core: 'connecting', 'open', 'closed' (retrying) or 'unauthorized' (a stale link). */
export function useConnectionState(): ConnectionStatus {
  const { connection } = useHandle();
  return useSyncExternalStore(connection.subscribe, connection.get);
}
