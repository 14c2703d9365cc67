import type { ApiError } from '../../../../electron/preload/types.js';
import type { ConnectionTestResult } from '../../../../shared/domain.js';
import { KeyExpiryWarning } from '../../components/key-expiry-warning.js';
import { formatDate } from '../../format/time-format.js';
import { expirySoon } from '../../state/key-expiry.js';
import { humanText } from '../../format/copy.js';

export type TestState = { kind: 'idle' } | { kind: 'testing' } | { kind: 'done'; result: ConnectionTestResult } | { kind: 'failed'; error: ApiError };

/** What "Test connection" found: that it works and how safe the key is, or why not and what to do. */
export function ConnectionTestView({ state }: { state: TestState }) {
  if (state.kind === 'idle') return null;
  if (state.kind === 'testing') {
    return <div className="test-result" data-testid="account-test-result" data-ok="pending" role="status">Testing the connection…</div>;
  }
  const error = state.kind === 'failed' ? state.error : state.result.error;
  if (state.kind === 'failed' || !state.result.ok) {
    return (
      <div className="test-result test-fail" data-testid="account-test-result" data-ok="false" role="alert">
        <strong>✕ Connection failed</strong>
        {error && (
          <>
            <p className="error-message">{humanText(error.message)}</p>
            {error.recommendation && <p className="error-recommendation">{humanText(error.recommendation)}</p>}
          </>
        )}
      </div>
    );
  }
  const { key, elapsedMs } = state.result;
  return (
    <div className="test-result test-ok" data-testid="account-test-result" data-ok="true" role="status">
      <strong>✓ Connection works</strong> <span className="muted">({Math.round(elapsedMs)} ms)</span>
      {key && (
        <ul className="plain-list small">
          {key.readOnly === true && <li className="ok-text">Read-only key</li>}
          {key.readOnly === false && <li className="warn-text">⚠ This key can trade or withdraw: a read-only key is safer for syncing.</li>}
          {key.expiresAt && (expirySoon(key.expiresAt, Date.now()) ? <KeyExpiryWarning expiresAt={key.expiresAt} as="li" /> : <li>Expires on {formatDate(key.expiresAt)}</li>)}
          {key.ipRestricted === false && <li className="warn-text">⚠ Not bound to an IP address (Bybit expires such keys after 90 days).</li>}
          {key.ipRestricted === true && <li>Bound to IP addresses</li>}
        </ul>
      )}
    </div>
  );
}
