import { useCallback, useState } from 'react';
import type { ApiError } from '../../../electron/preload/types.js';
import type { DisplayCurrency } from '../../../shared/domain.js';
import { useApi } from '../api/index.js';
import { toApiError } from './api-error.js';
import { useSettings } from './live-data.js';

/**
 * The display currency setting, and a way to change it from any screen: saved through
 * `settings:update`, so the CLI and every open window follow it.
 */
export function useDisplayCurrency(): { currency: DisplayCurrency; setCurrency: (c: DisplayCurrency) => void; busy: boolean; error: ApiError | null } {
  const api = useApi();
  const settings = useSettings();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const { set } = settings;
  const setCurrency = useCallback((c: DisplayCurrency) => {
    setBusy(true);
    setError(null);
    api.invoke('settings:update', { displayCurrency: c }).then(
      (next) => { setBusy(false); set(next); },
      (err: unknown) => { setBusy(false); setError(toApiError(err)); },
    );
  }, [api, set]);
  return { currency: settings.data?.displayCurrency ?? 'USDT', setCurrency, busy, error };
}
