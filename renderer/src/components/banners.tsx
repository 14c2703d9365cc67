import { useConnectionState } from '../api/index.js';
import { useAccounts, useSettings, useStatus } from '../state/live-data.js';
import { useConnectionEpoch } from '../state/connection-epoch.js';
import { hrefOf } from '../routing/routes.js';
import { humanText, sentence } from '../format/copy.js';
import { failingAccounts, keychainMatters } from './status-summary.js';

/**
 * Problems the user must see whatever screen is open: the connection to the core, the
 * keychain, failing syncs, a pending restart. Each says what to do.
 */
export function Banners({ onboarding = false }: { onboarding?: boolean }) {
  return (
    <div className="banners">
      <ConnectionBanner />
      <KeychainBanner onboarding={onboarding} />
      <SyncFailureBanner />
      <RestartBanner />
    </div>
  );
}

function ConnectionBanner() {
  const state = useConnectionState();
  const epoch = useConnectionEpoch();
  if (state === 'open' || (state === 'connecting' && epoch === 0)) return null;
  const text = state === 'unauthorized'
    ? 'This dashboard link is no longer valid (the server was restarted or the link mistyped). Open the link that “alphapulse-sync serve” printed.'
    : epoch === 0
    ? 'Cannot reach AlphaPulse Sync. Is it still running? Retrying…'
    : 'Connection to AlphaPulse Sync lost — reconnecting… Figures shown may be out of date.';
  return (
    <div className="banner banner-error" role="alert" data-testid="banner-connection">
      {text}
    </div>
  );
}

/**
 * Only while the keychain matters: when no account is set up yet or one keeps its key
 * there. With every key from the environment it is noise (the account form still says it).
 */
function KeychainBanner({ onboarding }: { onboarding: boolean }) {
  const { data } = useAccounts();
  const kc = data?.keychain;
  if (!kc || kc.status === 'ok' || kc.status === 'unchecked') return null;
  // Onboarding explains a missing keychain itself, with what works instead; the banner would say it twice.
  if (onboarding && kc.status === 'unavailable') return null;
  if (!keychainMatters(data.accounts)) return null;
  const title = kc.status === 'not-persistent' ? 'The keychain keeps keys only until you log out.' : 'The OS keychain is not available.';
  return (
    <div className="banner banner-warn" role="alert" data-testid="banner-keychain">
      <strong>{title}</strong> {kc.problem ? sentence(kc.problem.message) : ''}
      {kc.problem?.recommendation && <span className="banner-advice"> {humanText(kc.problem.recommendation)}</span>}
    </div>
  );
}

function SyncFailureBanner() {
  const { data } = useStatus();
  if (!data || data.syncing) return null;
  const failing = failingAccounts(data);
  if (failing.length === 0) return null;
  const first = failing[0];
  return (
    <div className="banner banner-error" role="status" data-testid="banner-sync-failed">
      <strong>Last sync failed</strong>
      {failing.length === 1 && first ? ` for ${first.name}: ${sentence(first.message)}` : ` for ${failing.length} accounts.`}{' '}
      Showing the last good data. <a href={hrefOf('sync')}>Details and what to do</a>
    </div>
  );
}

function RestartBanner() {
  const { data } = useSettings();
  if (!data?.restartRequired) return null;
  return (
    <div className="banner banner-info" role="status" data-testid="banner-restart">
      The database settings changed: restart AlphaPulse Sync to use them.
    </div>
  );
}
