import { useState } from 'react';
import type { ApiInput } from '../../../shared/api.js';
import { useApi, type ApiError } from '../api/index.js';
import { toApiError } from '../state/api-error.js';
import { humanText } from '../format/copy.js';
import { formatCount } from '../format/number-format.js';
import { saveTextFile } from './csv-download.js';
import './export-button.css';

type ExportInput = ApiInput<'export:csv'>;

interface Props {
  /** What to export: one of `export:csv`'s kinds. */
  kind: ExportInput['kind'];
  /** The screen's current filter: `exchange:account`, UTC dates, and for trades the asset, side and category; null for all. */
  filter?: Pick<ExportInput, 'account' | 'from' | 'to' | 'trades'>;
  /** Names the table for screen readers: "Export trades as CSV". */
  what: string;
  testId?: string;
}

/**
 * "Export CSV": asks the core for the table as `alphapulse-sync export` writes it (same
 * columns, the screen's filter) and saves it under the name the core gives it
 * (`alphapulse-trades-bybit-main-2026-12-02.csv`). A failure is said beside the button.
 */
export function ExportButton({ kind, filter = {}, what, testId = `export-${kind}` }: Props) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const r = await api.invoke('export:csv', { kind, account: filter.account ?? null, from: filter.from ?? null, to: filter.to ?? null, trades: filter.trades ?? null });
      saveTextFile(r.fileName, r.csv);
      setDone(`${r.fileName} (${formatCount(r.rows)} ${r.rows === 1 ? 'row' : 'rows'})`);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="export-button">
      <button type="button" className="button" onClick={() => void run()} disabled={busy} aria-label={busy ? undefined : `Export CSV: ${what}`} data-testid={testId}>
        {busy ? 'Exporting…' : 'Export CSV'}
      </button>
      <span className="visually-hidden" role="status">{done ? `Saved ${done}` : ''}</span>
      {error && <span className="error-text small" role="alert" data-testid={`${testId}-error`}>{humanText(error.message)}. {humanText(error.recommendation)}</span>}
    </span>
  );
}
