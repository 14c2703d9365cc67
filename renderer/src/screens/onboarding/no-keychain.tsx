import type { KeychainState } from '../../../../shared/domain.js';
import { ENV_KEY_COMMAND, ENV_KEY_VARIABLES, KEYRING_COMMAND } from '../../../../shared/format/keychain-advice.js';
import { sentence } from '../../format/copy.js';

/**
 * Before a key is typed: this computer has nowhere safe to keep one (a headless server
 * without a Secret Service, usually), so the form would pass "Test" and fail at "Save".
 * Says what works here instead; keys never go into a plain file.
 */
export function NoKeychain({ keychain, onCheckAgain, onClose }: { keychain: KeychainState; onCheckAgain: () => void; onClose?: () => void }) {
  return (
    <div className="card onboarding-card" data-testid="onboarding-no-keychain" role="alert">
      <h2 className="card-title">An API key cannot be saved on this computer</h2>
      <p>AlphaPulse Sync keeps keys only in the system keychain, and none is available here. Two ways work:</p>
      <ol className="choices">
        <li>
          <strong>Give the key through the environment.</strong> Stop AlphaPulse Sync (Ctrl+C where it runs) and start it again with{' '}
          {ENV_KEY_VARIABLES.map((v, i) => <span key={v}>{i > 0 && ' and '}<code>{v}</code></span>)} set (add <code>BYBIT_TESTNET=true</code> for a testnet key):
          {/* Focusable: a long command scrolls sideways, and the keyboard must be able to scroll it too. */}
          <pre className="command" data-testid="onboarding-env-command" tabIndex={0} aria-label="Command to start with the key from the environment">{ENV_KEY_COMMAND}</pre>
          The account then appears here by itself; reopen the link it prints.
        </li>
        <li>
          <strong>Or start a keyring first</strong> (on Linux: packages <code>gnome-keyring</code>, <code>dbus-user-session</code>, <code>libsecret-1-0</code>), then add the key here:
          <pre className="command" tabIndex={0} aria-label="Command to start a keyring">{KEYRING_COMMAND}</pre>
        </li>
      </ol>
      <p className="muted small">
        Keys are never written to a plain file.
        {keychain.problem && <> What the keychain said: {sentence(keychain.problem.message)}</>}
      </p>
      <div className="form-actions">
        <button type="button" className="button" onClick={onCheckAgain} data-testid="onboarding-check-keychain">Check again</button>
        {onClose && <button type="button" className="button ghost" onClick={onClose}>Close</button>}
      </div>
    </div>
  );
}
