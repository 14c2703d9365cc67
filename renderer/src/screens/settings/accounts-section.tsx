import { useState } from 'react';
import type { ApiError } from '../../../../electron/preload/types.js';
import type { AccountView } from '../../../../shared/domain.js';
import { useApi } from '../../api/index.js';
import { EmptyState, ErrorNotice, Loading } from '../../components/async-view.js';
import { toApiError } from '../../state/api-error.js';
import { useAccounts } from '../../state/live-data.js';
import { AccountForm } from './account-form.js';
import { accountToForm, emptyAccountForm } from './account-form-model.js';
import { keyDescription } from './settings-model.js';
import { KeyExpiryWarning } from '../../components/key-expiry-warning.js';
import { useForgetKeyExpiry, useKeyExpiry } from '../../state/key-health.js';
import { useSyncActivity } from '../../state/live-activity.js';
import { SyncProgressView } from '../sync/sync-progress-view.js';
import { NoKeychain } from '../onboarding/no-keychain.js';

type Editing = { kind: 'none' } | { kind: 'create' } | { kind: 'edit'; account: AccountView };

/** The configured exchange accounts: add, edit, remove; env-configured ones are read-only. */
export function AccountsSection() {
  const accounts = useAccounts();
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const { activity, runSync } = useSyncActivity();
  const forgetExpiry = useForgetKeyExpiry();
  // Set once this section started a sync, so its progress shows here rather than elsewhere only.
  const [syncing, setSyncing] = useState(false);
  const close = () => setEditing({ kind: 'none' });
  const saved = (a: AccountView) => {
    close();
    accounts.reload();
    forgetExpiry(a.exchangeId, a.id);
    // A saved account is synced at once (as onboarding does), not at the next scheduled run.
    if (a.enabled) {
      setSyncing(true);
      void runSync(false);
    }
  };
  return (
    <section className="card" aria-labelledby="accounts-title" data-testid="settings-accounts">
      <div className="card-head">
        <h2 id="accounts-title" className="card-title">Exchange accounts</h2>
        {editing.kind === 'none' && (
          <button type="button" className="button" onClick={() => setEditing({ kind: 'create' })} data-testid="account-add">
            Add account
          </button>
        )}
      </div>
      {accounts.error && <ErrorNotice error={accounts.error} onRetry={accounts.reload} title="Could not load the accounts" />}
      {!accounts.data && !accounts.error && <Loading label="Loading accounts…" />}
      {accounts.data?.accounts.length === 0 && editing.kind === 'none' && (
        <EmptyState title="No accounts yet"><p>Add a read-only API key of your exchange.</p></EmptyState>
      )}
      {accounts.data && accounts.data.accounts.length > 0 && (
        <ul className="account-list">
          {accounts.data.accounts.map((a) => (
            <AccountRow key={`${a.exchangeId}/${a.id}`} account={a} onEdit={() => setEditing({ kind: 'edit', account: a })} onRemoved={accounts.reload} disabled={editing.kind !== 'none'} />
          ))}
        </ul>
      )}
      {/* Without a keychain a new key could only fail at "Save": say what works instead, before it is typed. */}
      {editing.kind === 'create' && accounts.data?.keychain.status === 'unavailable' && <NoKeychain keychain={accounts.data.keychain} onCheckAgain={accounts.reload} onClose={close} />}
      {editing.kind === 'create' && accounts.data?.keychain.status !== 'unavailable' && <AccountForm key="create" mode="create" initial={emptyAccountForm()} onSaved={saved} onCancel={close} saveLabel="Save and sync" />}
      {editing.kind === 'edit' && (
        <AccountForm key={`edit-${editing.account.exchangeId}/${editing.account.id}`} mode="edit" initial={accountToForm(editing.account)} keyHint={editing.account.key.hint} onSaved={saved} onCancel={close} saveLabel="Save and sync" />
      )}
      {syncing && editing.kind === 'none' && <SyncProgressView activity={activity} />}
    </section>
  );
}

function AccountRow({ account: a, onEdit, onRemoved, disabled }: { account: AccountView; onEdit: () => void; onRemoved: () => void; disabled: boolean }) {
  const api = useApi();
  const [confirming, setConfirming] = useState(false);
  const [history, setHistory] = useState<RemovalChoice>('keep');
  const [removing, setRemoving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const fromEnv = a.source === 'env';
  const remove = () => {
    setRemoving(true);
    api.invoke('accounts:remove', { exchangeId: a.exchangeId, id: a.id, history }).then(
      () => onRemoved(),
      (e: unknown) => {
        setRemoving(false);
        setError(toApiError(e));
      },
    );
  };
  return (
    <li className="account-item" data-testid={`account-${a.exchangeId}-${a.id}`}>
      <div className="account-main">
        <strong>{a.label ?? `${a.exchangeId}/${a.id}`}</strong>
        {a.label && <span className="muted small"> {a.exchangeId}/{a.id}</span>}
        {a.testnet && <span className="tag">testnet</span>}
        {a.demo && <span className="tag">demo</span>}
        {!a.enabled && <span className="tag">not synced</span>}
        <div className="muted small" data-testid="account-key-hint">{keyDescription(a)}</div>
        <AccountKeyExpiry account={a} />
        {a.apiUrl && <div className="muted small">API address: {a.apiUrl}</div>}
        {fromEnv && <div className="muted small">Set by environment variables: change them where the app is started.</div>}
        {a.source === 'database' && <span className="tag">other machine</span>}
      </div>
      {!fromEnv && (
        <div className="account-actions">
          {confirming ? (
            <>
              <RemovalChoiceField account={a} value={history} onChange={setHistory} disabled={removing} />
              <button type="button" className="button danger" onClick={remove} disabled={removing} data-testid="account-remove-confirm">{removing ? 'Removing…' : 'Remove'}</button>
              <button type="button" className="button ghost" onClick={() => { setConfirming(false); setHistory('keep'); }} disabled={removing}>Cancel</button>
            </>
          ) : (
            <>
              <button type="button" className="button" onClick={onEdit} disabled={disabled} data-testid="account-edit">Edit</button>
              <button type="button" className="button ghost" onClick={() => setConfirming(true)} disabled={disabled} data-testid="account-remove">Remove</button>
            </>
          )}
        </div>
      )}
      {error && <ErrorNotice title="Could not remove the account" error={error} />}
    </li>
  );
}

type RemovalChoice = 'keep' | 'delete';

/** What becomes of a removed account's stored data: kept hidden (restorable) or deleted. */
function RemovalChoiceField({ account: a, value, onChange, disabled }: { account: AccountView; value: RemovalChoice; onChange: (v: RemovalChoice) => void; disabled: boolean }) {
  const name = `remove-history-${a.exchangeId}-${a.id}`;
  return (
    <fieldset className="remove-choice small" data-testid="account-remove-choice">
      <legend>
        Remove it from every total{a.source === 'database' ? ' on every machine' : ' and delete its key from the keychain'}?
      </legend>
      <label>
        <input type="radio" name={name} checked={value === 'keep'} onChange={() => onChange('keep')} disabled={disabled} data-testid="account-remove-keep" />
        {' '}Keep its history, hidden (adding the account again restores it)
      </label>
      <label>
        <input type="radio" name={name} checked={value === 'delete'} onChange={() => onChange('delete')} disabled={disabled} data-testid="account-remove-delete" />
        {' '}Delete its history from the database
      </label>
    </fieldset>
  );
}

function AccountKeyExpiry({ account: a }: { account: AccountView }) {
  const expiresAt = useKeyExpiry(a.exchangeId, a.id, a.enabled && a.key.location !== 'none');
  return <KeyExpiryWarning expiresAt={expiresAt} />;
}
