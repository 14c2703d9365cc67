import { DISPLAY_CURRENCIES, type DisplayCurrency } from '../../../shared/domain.js';

interface Props {
  id: string;
  currency: DisplayCurrency;
  onCurrency: (c: DisplayCurrency) => void;
  /** While the new currency is being saved. */
  busy: boolean;
  testId?: string;
}

/** "Show in USDT | USD | EUR": the display currency setting, from the screen that shows the figures. */
export function CurrencySelect({ id, currency, onCurrency, busy, testId = id }: Props) {
  return (
    <div className="field-inline">
      <label htmlFor={id}>Show in</label>
      <select id={id} value={currency} disabled={busy} onChange={(e) => onCurrency(e.target.value as DisplayCurrency)} data-testid={testId}>
        {DISPLAY_CURRENCIES.map((c) => <option key={c} value={c}>{c}</option>)}
      </select>
    </div>
  );
}
