import { useCallback, useEffect, useRef, useState } from 'react';
import type { TradeRow } from '../../../../shared/trades.js';
import { useApi, type ApiError } from '../../api/index.js';
import { useConnectionEpoch } from '../../state/connection-epoch.js';
import { toApiError } from '../../state/api-error.js';
import { missingPages, toTradesInput, type TradesFilter, type TradesSortState } from './trades-model.js';

export interface TradePages {
  /** The query the pages belong to; rows of an older query are never shown under a newer one. */
  key: string;
  total: number | null;
  pages: ReadonlyMap<number, readonly TradeRow[]>;
  error: ApiError | null;
  loading: boolean;
}

/**
 * The list as pages fetched on demand: the first page (with the count) whenever the filter,
 * the sort, the data or the connection changes, then whatever pages the visible rows need
 * (`ensure`). Answers to a superseded query are dropped.
 */
export function useTradePages(filter: TradesFilter, sort: TradesSortState, key: string, dataVersion: number): TradePages & { ensure: (start: number, end: number) => void; reload: () => void } {
  const api = useApi();
  const epoch = useConnectionEpoch();
  const [state, setState] = useState<TradePages>({ key: '', total: null, pages: new Map(), error: null, loading: true });
  const [reloadToken, setReloadToken] = useState(0);
  const current = useRef({ key: '', requested: new Set<number>(), filter, sort });
  const fullKey = `${key}|${dataVersion}|${epoch}|${reloadToken}`;

  const fetchPage = useCallback((page: number, forKey: string) => {
    const q = current.current;
    q.requested.add(page);
    api.invoke('trades:list', toTradesInput(q.filter, q.sort, page)).then(
      (r) => {
        if (current.current.key !== forKey) return;
        setState((s) => {
          const pages = new Map(s.key === forKey ? s.pages : []);
          pages.set(page, r.rows);
          return { key: forKey, total: r.total, pages, error: null, loading: false };
        });
      },
      (e: unknown) => {
        if (current.current.key !== forKey) return;
        current.current.requested.delete(page);
        setState((s) => ({ ...s, error: toApiError(e), loading: false }));
      },
    );
  }, [api]);

  useEffect(() => {
    if (epoch === 0) return;
    current.current = { key: fullKey, requested: new Set(), filter, sort };
    setState((s) => ({ ...s, loading: true }));
    fetchPage(0, fullKey);
    // filter and sort are read with the key they produced (the key changes whenever they do).
  }, [fullKey, fetchPage]);

  const ensure = useCallback((start: number, end: number) => {
    const q = current.current;
    if (q.key === '') return;
    for (const page of missingPages(start, end, q.requested)) fetchPage(page, q.key);
  }, [fetchPage]);
  const reload = useCallback(() => setReloadToken((n) => n + 1), []);
  return { ...state, ensure, reload };
}
