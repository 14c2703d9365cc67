import { useEffect, useState, type FormEvent } from 'react';
import type { ApiError } from '../../../../electron/preload/types.js';
import { DISPLAY_CURRENCIES, type DisplayCurrency, type SettingsView } from '../../../../shared/domain.js';
import { useApi } from '../../api/index.js';
import { ErrorNotice } from '../../components/async-view.js';
import { toApiError } from '../../state/api-error.js';
import { ENABLED_VAR, generalFormFrom, generalPatch, INTERVAL_VAR, type GeneralForm } from './settings-model.js';

/**
 * Schedule, launch at login and notifications; saved together. While the user edits,
 * a `settings:changed` push does not overwrite the form; otherwise it follows it.
 */
export function GeneralSettingsForm({ view, onSaved }: { view: SettingsView; onSaved: (v: SettingsView) => void }) {
  const api = useApi();
  const [form, setForm] = useState<GeneralForm>(() => generalFormFrom(view));
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok'; text: string } | { kind: 'invalid'; text: string } | { kind: 'error'; error: ApiError } | null>(null);

  useEffect(() => {
    if (!dirty) setForm(generalFormFrom(view));
  }, [view, dirty]);

  const envInterval = view.envOverrides.includes(INTERVAL_VAR);
  const envEnabled = view.envOverrides.includes(ENABLED_VAR);
  const update = <K extends keyof GeneralForm>(k: K, v: GeneralForm[K]) => {
    setForm((f) => ({ ...f, [k]: v }));
    setDirty(true);
    setMessage(null);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const patch = generalPatch(view, form);
    if (patch === null) {
      setDirty(false);
      setMessage({ kind: 'ok', text: 'Nothing to change.' });
      return;
    }
    if ('error' in patch) {
      setMessage({ kind: 'invalid', text: patch.error });
      return;
    }
    setSaving(true);
    api.invoke('settings:update', patch).then(
      (next) => {
        setSaving(false);
        setDirty(false);
        setMessage({ kind: 'ok', text: 'Saved; in effect now.' });
        onSaved(next);
      },
      (err: unknown) => {
        setSaving(false);
        setMessage({ kind: 'error', error: toApiError(err) });
      },
    );
  };

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="settings-form" aria-labelledby="general-title">
      <h2 id="general-title" className="card-title">Sync and app</h2>
      <div className="form-row">
        <div className={`field${message?.kind === 'invalid' ? ' field-invalid' : ''}`}>
          <label htmlFor="settings-interval">Sync every (minutes)</label>
          <input id="settings-interval" type="number" min={1} max={1440} step={1} inputMode="numeric" value={form.interval}
            onChange={(e) => update('interval', e.target.value)} readOnly={envInterval} data-testid="settings-interval" aria-invalid={message?.kind === 'invalid'} />
          {envInterval ? <span className="field-hint env-note">Set by environment variable {INTERVAL_VAR}</span> : <span className="field-hint">1 to 1440</span>}
          {message?.kind === 'invalid' && <span className="field-error" role="alert">{message.text}</span>}
        </div>
        <div className="field">
          <span className="label">Scheduled sync</span>
          <label className="toggle">
            <input type="checkbox" checked={form.enabled} onChange={(e) => update('enabled', e.target.checked)} disabled={envEnabled} data-testid="settings-enabled" />
            {form.enabled ? 'On' : 'Paused'}
          </label>
          {envEnabled && <span className="field-hint env-note">Set by environment variable {ENABLED_VAR}</span>}
        </div>
      </div>
      <div className="field">
        <label htmlFor="settings-currency">Show figures in</label>
        <select id="settings-currency" value={form.displayCurrency} onChange={(e) => update('displayCurrency', e.target.value as DisplayCurrency)} data-testid="settings-currency"
          aria-describedby="settings-currency-hint">
          {DISPLAY_CURRENCIES.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
        <span className="field-hint" id="settings-currency-hint">Converted at the exchange&apos;s own price (USDC/USDT for USD, its euro pair for EUR); stored figures stay in USDT.</span>
      </div>
      <div className="field">
        <label htmlFor="settings-deposit-cost">Cost of deposits</label>
        <select id="settings-deposit-cost" value={form.depositCostBasis} onChange={(e) => update('depositCostBasis', e.target.value === 'market' ? 'market' : 'unknown')}
          data-testid="settings-deposit-cost" aria-describedby="settings-deposit-cost-hint">
          <option value="unknown">Unknown: the average entry covers the traded part (partial)</option>
          <option value="market">At the market price of their minute</option>
        </select>
        <span className="field-hint" id="settings-deposit-cost-hint">How coins that arrive by deposit or transfer enter the average entry price and realised P&amp;L; saving a change syncs at once to work the figures out again.</span>
      </div>
      <label className="toggle">
        <input type="checkbox" checked={form.launchAtLogin} onChange={(e) => update('launchAtLogin', e.target.checked)} data-testid="settings-launch-at-login" />
        Launch at login (desktop app)
      </label>
      <label className="toggle">
        <input type="checkbox" checked={form.notifications} onChange={(e) => update('notifications', e.target.checked)} data-testid="settings-notifications" />
        Notifications: a sync fails or recovers, a key is about to expire
      </label>
      {message?.kind === 'error' && <ErrorNotice title="Could not save the settings" error={message.error} />}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={saving} data-testid="settings-save">{saving ? 'Saving…' : 'Save'}</button>
        {message?.kind === 'ok' && <span className="ok-text small" role="status" data-testid="settings-saved">{message.text}</span>}
      </div>
    </form>
  );
}
