import { useMemo } from 'react';
import type { AccountStatus } from '../../../../shared/domain.js';
import { Countdown, LiveAge } from '../../components/live-time.js';
import { accountName } from '../../components/status-summary.js';
import { errorClassLabel } from '../../state/api-error.js';
import { KeyExpiryWarning } from '../../components/key-expiry-warning.js';
import { humanText } from '../../format/copy.js';
import { useKeyExpiry } from '../../state/key-health.js';
import { formatTime } from '../../format/time-format.js';
import { accountStateLabel, accountTestId, breakerText, cardRecommendation } from './sync-model.js';

/** One account's sync health: state, data age, circuit breaker, the last error and what to do. */
export function AccountStatusCard({ account, busy, onTryNow }: { account: AccountStatus; busy: boolean; onTryNow: () => void }) {
  const { breaker, lastRun } = account;
  // The cool-down is relative to when the status was read: turn it into a moment once per status.
  const trialAt = useMemo(
    () => (breaker.cooldownRemainingSeconds === null ? null : new Date(Date.now() + breaker.cooldownRemainingSeconds * 1000).toISOString()),
    [breaker],
  );
  const error = account.state === 'failed' ? lastRun?.error ?? null : null;
  const expiresAt = useKeyExpiry(account.exchangeId, account.account);
  const advice = error ? cardRecommendation(breaker, error) : null;
  return (
    <article className={`card account-status state-${account.state}`} data-testid={`account-status-${accountTestId(account.exchangeId, account.account)}`} data-state={account.state} data-breaker={breaker.state}>
      <div className="card-head">
        <h3 className="card-title">
          {accountName(account)}
          {account.testnet && <span className="tag">testnet</span>}
        </h3>
        <span className={`badge badge-${account.state}`}>{accountStateLabel(account.state)}</span>
      </div>
      <dl className="facts">
        <div>
          <dt>Last success</dt>
          <dd>{account.lastSuccessAt ? <LiveAge iso={account.lastSuccessAt} /> : 'never'}</dd>
        </div>
        <div>
          <dt>Circuit breaker</dt>
          <dd data-testid="account-breaker">
            {breakerText(breaker)}
            {breaker.state === 'open' && trialAt && <> until {formatTime(trialAt)} (in <Countdown iso={trialAt} due="a moment" />). “Try now” makes one attempt at once.</>}
          </dd>
        </div>
      </dl>
      {error && (
        <div className="account-error" role="alert">
          <span className="tag tag-error">{errorClassLabel(error.errorClass)}</span>
          <p className="error-message" data-testid="account-error-message">{humanText(error.message)}</p>
          {advice && <p className="error-recommendation" data-testid="account-error-recommendation">{humanText(advice)}</p>}
        </div>
      )}
      <KeyExpiryWarning expiresAt={expiresAt} />
      {lastRun && lastRun.warnings.length > 0 && (
        <ul className="warnings">
          {lastRun.warnings.map((w) => <li key={w} className="warn-text small">⚠ {humanText(w)}</li>)}
        </ul>
      )}
      {breaker.state === 'open' && (
        <button type="button" className="button" onClick={onTryNow} disabled={busy} data-testid="account-try-now">
          Try now
        </button>
      )}
    </article>
  );
}
