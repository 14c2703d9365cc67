import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, RendererApi } from '../../../electron/preload/types.js';
import { useApi } from '../api/index.js';
import { toApiError } from './api-error.js';
import { useConnectionEpoch } from './connection-epoch.js';

/** Data that loads: the last answer stays shown while a newer one loads (no flash on refresh). */
export interface Loadable<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
}

export interface Query<T> extends Loadable<T> {
  reload: () => void;
  /** Replaces the data with an answer obtained elsewhere (a pushed event, a save). */
  set: (data: T) => void;
}

/**
 * Loads `load(api)` once connected, again whenever `key` changes (different input), and
 * after a reconnect. Answers to superseded requests are dropped, so a slow answer for
 * an old range never overwrites the current one.
 */
export function useQuery<T>(key: string, load: (api: RendererApi) => Promise<T>): Query<T> {
  const api = useApi();
  const epoch = useConnectionEpoch();
  const [state, setState] = useState<Loadable<T>>({ data: null, error: null, loading: true });
  const [reloadToken, setReloadToken] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const latest = useRef(0);

  useEffect(() => {
    if (epoch === 0) return;
    const request = ++latest.current;
    setState((s) => (s.loading && s.error === null ? s : { ...s, loading: true }));
    loadRef.current(api).then(
      (data) => {
        if (request === latest.current) setState({ data, error: null, loading: false });
      },
      (e: unknown) => {
        if (request === latest.current) setState((s) => ({ data: s.data, error: toApiError(e), loading: false }));
      },
    );
  }, [api, epoch, key, reloadToken]);

  const reload = useCallback(() => setReloadToken((n) => n + 1), []);
  const set = useCallback((data: T) => {
    // An answer from elsewhere is newer than any request still on its way.
    latest.current += 1;
    setState({ data, error: null, loading: false });
  }, []);
  return { ...state, reload, set };
}
