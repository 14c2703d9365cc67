import { useEffect, useReducer } from 'react';
import type { AccountView } from '../../../../shared/domain.js';
import { hrefOf, type Route } from '../../routing/routes.js';
import { useAccounts } from '../../state/live-data.js';
import { useSyncActivity } from '../../state/live-activity.js';
import { AccountForm } from '../settings/account-form.js';
import { accountToForm, emptyAccountForm } from '../settings/account-form-model.js';
import { SyncProgressView } from '../sync/sync-progress-view.js';
import { NoKeychain } from './no-keychain.js';
import { initialOnboarding, onboardingReducer, onboardingStepNumber } from './onboarding-machine.js';
import { humanText } from '../../format/copy.js';

const STEPS = ['Welcome', 'Exchange account', 'First sync'] as const;

/** #/onboarding: from no account to a synced portfolio. */
export function OnboardingScreen({ navigate }: { navigate: (r: Route) => void }) {
  const [state, dispatch] = useReducer(onboardingReducer, initialOnboarding);
  const { activity, runSync } = useSyncActivity();
  const accounts = useAccounts();

  useEffect(() => {
    if (state.step !== 'syncing') return;
    let current = true;
    runSync(false).then((outcome) => {
      if (!current) return;
      dispatch(outcome.ok ? { type: 'synced', summary: outcome.summary } : { type: 'sync-error', error: outcome.error });
    });
    return () => {
      current = false;
    };
  }, [state, runSync]);

  useEffect(() => {
    if (state.step === 'done') navigate('portfolio');
  }, [state.step, navigate]);

  const onSaved = (a: AccountView) => {
    accounts.reload();
    dispatch({ type: 'saved', account: { exchangeId: a.exchangeId, id: a.id } });
  };
  const stepNumber = onboardingStepNumber(state);
  // Known before the first key is typed: without a keychain, "Save" could only fail.
  const noKeychain = accounts.data?.keychain.status === 'unavailable';
  const editing = state.step === 'account' && state.editing
    ? accounts.data?.accounts.find((a) => a.exchangeId === state.editing?.exchangeId && a.id === state.editing.id) ?? null
    : null;

  return (
    <section className="screen onboarding" data-testid="onboarding" data-step={state.step} aria-labelledby="onboarding-title">
      <h1 id="onboarding-title" className="screen-title">Set up AlphaPulse Sync</h1>
      <ol className="onboarding-steps">
        {STEPS.map((label, i) => (
          <li key={label} className={i + 1 < stepNumber ? 'done' : i + 1 === stepNumber ? 'current' : ''} aria-current={i + 1 === stepNumber ? 'step' : undefined}>
            {label}
          </li>
        ))}
      </ol>
      {state.step === 'welcome' && noKeychain && accounts.data && <NoKeychain keychain={accounts.data.keychain} onCheckAgain={accounts.reload} />}
      {state.step === 'welcome' && !noKeychain && (
        <div className="card onboarding-card">
          <h2 className="card-title">Your portfolio, in your own database</h2>
          <p>AlphaPulse Sync reads your exchange account with a <strong>read-only API key</strong> and keeps balances, prices, trades and positions in PostgreSQL on this computer (or your own server). The key stays in the operating system’s keychain.</p>
          <p className="muted">On Bybit: API → Create New Key → System-generated → Read-Only, with Wallet, trade and position read access.</p>
          <div className="form-actions">
            <button type="button" className="button primary" onClick={() => dispatch({ type: 'begin' })} data-testid="onboarding-start">Get started</button>
            <a className="button ghost" href={hrefOf('portfolio')}>Later</a>
          </div>
        </div>
      )}
      {state.step === 'account' && (
        <div className="card onboarding-card">
          {editing ? (
            <AccountForm key="edit" mode="edit" initial={accountToForm(editing)} keyHint={editing.key.hint} onSaved={onSaved} saveLabel="Save and sync" />
          ) : (
            <AccountForm key="create" mode="create" initial={emptyAccountForm()} onSaved={onSaved} onCancel={() => dispatch({ type: 'back' })} saveLabel="Save and sync" />
          )}
        </div>
      )}
      {state.step === 'syncing' && (
        <div className="onboarding-sync">
          <p>Importing your balances and trade history. The first sync reads up to two years of trades, which can take a little while.</p>
          <SyncProgressView activity={activity} />
        </div>
      )}
      {state.step === 'failed' && (
        <div className="card onboarding-card" role="alert" data-testid="onboarding-failed">
          <h2 className="card-title error-text">The first sync did not work</h2>
          {state.error ? (
            <>
              <p className="error-message" data-testid="onboarding-error-message">{humanText(state.error.message)}</p>
              <p className="error-recommendation">{humanText(state.error.recommendation)}</p>
            </>
          ) : <p>The account was saved, but its sync failed.</p>}
          <div className="form-actions">
            <button type="button" className="button primary" onClick={() => dispatch({ type: 'retry' })} data-testid="onboarding-retry">Try again</button>
            <button type="button" className="button" onClick={() => dispatch({ type: 'edit' })} data-testid="onboarding-edit">Change the account</button>
            <a className="button ghost" href={hrefOf('diagnostics')}>Run diagnostics</a>
          </div>
        </div>
      )}
    </section>
  );
}
