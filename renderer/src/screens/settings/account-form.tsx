import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { ApiError } from '../../../../electron/preload/types.js';
import type { AccountView } from '../../../../shared/domain.js';
import { useApi } from '../../api/index.js';
import { ErrorNotice } from '../../components/async-view.js';
import { toApiError } from '../../state/api-error.js';
import { useAccounts } from '../../state/live-data.js';
import { ConnectionTestView, type TestState } from './connection-test-result.js';
import {
  hasErrors, needsPassphrase, toSaveInput, toTestInput, validateAccountForm,
  type AccountFormErrors, type AccountFormMode, type AccountFormValues,
} from './account-form-model.js';

const KNOWN_EXCHANGES = ['bybit', 'okx', 'binance', 'kucoin', 'bitget', 'kraken', 'gateio', 'mexc', 'htx', 'coinbase'];

interface Props {
  mode: AccountFormMode;
  initial: AccountFormValues;
  /** "…ab12" of the stored key, for the "leave blank to keep" hint. */
  keyHint?: string | null;
  onSaved: (account: AccountView) => void;
  onCancel?: () => void;
  saveLabel?: string;
}

/** Add or edit an exchange account; used by Settings and by onboarding. */
export function AccountForm({ mode, initial, keyHint = null, onSaved, onCancel, saveLabel = 'Save' }: Props) {
  const api = useApi();
  const uid = useId();
  const keychain = useAccounts().data?.keychain ?? null;
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<AccountFormErrors>({});
  const [test, setTest] = useState<TestState>({ kind: 'idle' });
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ApiError | null>(null);

  const set = <K extends keyof AccountFormValues>(k: K, v: AccountFormValues[K]) => {
    setValues((old) => ({ ...old, [k]: v }));
    // A changed field invalidates its old error and any earlier test result.
    setErrors((old) => (old[k] || old.credentials ? { ...old, [k]: undefined, credentials: undefined } : old));
    setTest({ kind: 'idle' });
  };

  const check = (): boolean => {
    const found = validateAccountForm(values, mode);
    setErrors(found);
    return !hasErrors(found);
  };

  const runTest = () => {
    if (!check()) return;
    setTest({ kind: 'testing' });
    api.invoke('accounts:test', toTestInput(values)).then(
      (result) => setTest({ kind: 'done', result }),
      (e: unknown) => setTest({ kind: 'failed', error: toApiError(e) }),
    );
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (saving || !check()) return;
    setSaving(true);
    setSaveError(null);
    api.invoke('accounts:save', toSaveInput(values)).then(
      (saved) => {
        setSaving(false);
        // The typed key is gone from memory once stored.
        setValues((v) => ({ ...v, apiKey: '', secret: '', password: '' }));
        onSaved(saved);
      },
      (err: unknown) => {
        setSaving(false);
        setSaveError(toApiError(err));
      },
    );
  };

  const field = (name: keyof AccountFormValues | 'credentials') => ({ id: `${uid}-${name}`, error: errors[name] });
  const keep = mode === 'edit' ? `Leave blank to keep the stored key${keyHint ? ` (ends in ${keyHint})` : ''}` : undefined;
  return (
    <form className="form account-form" onSubmit={submit} noValidate data-testid="account-form" aria-label={mode === 'create' ? 'Add an exchange account' : 'Edit the exchange account'}>
      <div className="form-row">
        <Field label="Exchange" {...field('exchangeId')} hint={mode === 'edit' ? undefined : 'ccxt id: bybit, okx, binance…'}>
          <input id={field('exchangeId').id} list={`${uid}-exchanges`} value={values.exchangeId} readOnly={mode === 'edit'}
            onChange={(e) => set('exchangeId', e.target.value.toLowerCase())} data-testid="account-exchange" autoComplete="off" spellCheck={false} required aria-invalid={!!errors.exchangeId} />
          <datalist id={`${uid}-exchanges`}>{KNOWN_EXCHANGES.map((x) => <option key={x} value={x} />)}</datalist>
        </Field>
        <Field label="Account id" {...field('id')} hint={mode === 'edit' ? undefined : 'Tells several accounts of one exchange apart'}>
          <input id={field('id').id} value={values.id} readOnly={mode === 'edit'} onChange={(e) => set('id', e.target.value)} data-testid="account-id" autoComplete="off" spellCheck={false} aria-invalid={!!errors.id} />
        </Field>
      </div>
      <Field label="Label (optional)" {...field('label')}>
        <input id={field('label').id} value={values.label} onChange={(e) => set('label', e.target.value)} data-testid="account-label" maxLength={80} placeholder="Main account" />
      </Field>
      <div className="form-row">
        <Field label="API key" {...field('apiKey')} hint={keep}>
          <input id={field('apiKey').id} type="password" value={values.apiKey} onChange={(e) => set('apiKey', e.target.value)} data-testid="account-api-key"
            autoComplete="off" spellCheck={false} aria-invalid={!!errors.apiKey} placeholder={mode === 'edit' ? 'unchanged' : undefined} />
        </Field>
        <Field label="API secret" {...field('secret')} hint={keep}>
          <input id={field('secret').id} type="password" value={values.secret} onChange={(e) => set('secret', e.target.value)} data-testid="account-api-secret"
            autoComplete="new-password" spellCheck={false} aria-invalid={!!errors.secret} placeholder={mode === 'edit' ? 'unchanged' : undefined} />
        </Field>
      </div>
      {needsPassphrase(values.exchangeId) && (
        <Field label="Passphrase" {...field('password')}>
          <input id={field('password').id} type="password" value={values.password} onChange={(e) => set('password', e.target.value)} data-testid="account-password" autoComplete="new-password" aria-invalid={!!errors.password} />
        </Field>
      )}
      {errors.credentials && <p className="field-error" role="alert">{errors.credentials}</p>}
      {keychain && keychain.status !== 'ok' && keychain.status !== 'unchecked' ? (
        <p className="warn-text small" role="note">
          ⚠ {keychain.problem?.message ?? 'The OS keychain is not available.'} {keychain.problem?.recommendation}
        </p>
      ) : (
        <p className="muted small">The key is stored in the operating system’s keychain and never shown again. Use a read-only key.</p>
      )}
      <fieldset className="form-options">
        <legend>Environment</legend>
        <label className="toggle"><input type="checkbox" checked={values.testnet} onChange={(e) => set('testnet', e.target.checked)} data-testid="account-testnet" /> Testnet</label>
        <label className="toggle"><input type="checkbox" checked={values.demo} onChange={(e) => set('demo', e.target.checked)} data-testid="account-demo" /> Demo trading (Bybit)</label>
        <label className="toggle"><input type="checkbox" checked={values.enabled} onChange={(e) => set('enabled', e.target.checked)} data-testid="account-enabled" /> Sync this account</label>
        {errors.demo && <p className="field-error" role="alert">{errors.demo}</p>}
      </fieldset>
      <Field label="API address override (optional)" {...field('apiUrl')} hint="Regional site or proxy, e.g. https://api.bybit.eu; blank uses the exchange’s own">
        <input id={field('apiUrl').id} type="url" value={values.apiUrl} onChange={(e) => set('apiUrl', e.target.value)} data-testid="account-api-url" placeholder="https://api.bybit.com" spellCheck={false} aria-invalid={!!errors.apiUrl} />
      </Field>
      <ConnectionTestView state={test} />
      {saveError && <ErrorNotice title="Could not save the account" error={saveError} />}
      <div className="form-actions">
        <button type="button" className="button" onClick={runTest} disabled={test.kind === 'testing'} data-testid="account-test">
          {test.kind === 'testing' ? 'Testing…' : 'Test connection'}
        </button>
        <button type="submit" className="button primary" disabled={saving} data-testid="account-save">
          {saving ? 'Saving…' : saveLabel}
        </button>
        {onCancel && <button type="button" className="button ghost" onClick={onCancel}>Cancel</button>}
      </div>
    </form>
  );
}

function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string | undefined; error?: string | undefined; children: ReactNode }) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? <span className="field-error" role="alert">{error}</span> : hint && <span className="field-hint">{hint}</span>}
    </div>
  );
}
