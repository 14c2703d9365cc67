import { convertTotal } from '../../../shared/format/display-currency.js';
import { formatMoney } from '../format/number-format.js';
import { NAV_ITEMS, hrefOf, type Route } from '../routing/routes.js';
import { useDisplayCurrency } from '../state/display-currency.js';
import { useStatus } from '../state/live-data.js';
import { preferenceLabel, type ThemePreference } from '../theme/theme.js';
import { LiveAge } from './live-time.js';
import { overallState } from './status-summary.js';

/** The top bar: brand, the screens, the sync state at a glance and the theme toggle. */
export function AppHeader({ route, theme, onCycleTheme }: { route: Route; theme: ThemePreference; onCycleTheme: () => void }) {
  return (
    <header className="app-header">
      <a className="brand" href={hrefOf('portfolio')}>
        <span className="brand-mark" aria-hidden="true" />
        AlphaPulse Sync
      </a>
      <nav aria-label="Main">
        <ul className="nav-list">
          {NAV_ITEMS.map((item) => (
            <li key={item.route}>
              <a href={hrefOf(item.route)} data-testid={`nav-${item.route}`} aria-current={route === item.route ? 'page' : undefined} className="nav-link">
                {item.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="header-tools">
        <HeaderTotal />
        <StatusPill />
        <button type="button" className="icon-button" onClick={onCycleTheme} aria-label={`${preferenceLabel(theme)} (change)`} title={preferenceLabel(theme)}>
          <span aria-hidden="true">{theme === 'dark' ? '☾' : theme === 'light' ? '☀' : '◐'}</span>
        </button>
      </div>
    </header>
  );
}

/**
 * The accounts' total in the display currency at the newest stored rate, with its code;
 * without a rate it stays USDT and says which rate is missing, in words, not by colour.
 */
function HeaderTotal() {
  const { data } = useStatus();
  const { currency } = useDisplayCurrency();
  if (!data || data.totalValue === null) return null;
  const t = convertTotal(data.totalValue, currency, data.rates);
  const text = formatMoney(t.value ?? data.totalValue, t.currency);
  return (
    <a className="header-total" href={hrefOf('portfolio')} data-testid="header-total"
      title={t.missingRate ? `No ${t.missingRate} rate is known yet (the exchange lists no pair for it, or no sync has stored one): the total is in USDT.` : `Total value of every account, in ${t.currency}`}>
      <span className="visually-hidden">Total value </span>
      <span data-testid="header-total-value">{text}</span>
      {t.missingRate && <span className="header-total-note" data-testid="header-total-note">no {t.missingRate} rate yet</span>}
    </a>
  );
}

function StatusPill() {
  const { data } = useStatus();
  const state = overallState(data);
  const asOf = data?.asOf ?? null;
  const text = {
    loading: 'Loading…', syncing: 'Syncing…', failed: 'Sync failed', never: 'Not synced yet', paused: 'Scheduled sync paused', ok: 'Synced',
  }[state];
  // After a failure the time shown is the last success, and says so; otherwise it is when the data was synced.
  const showAge = asOf !== null && state !== 'syncing' && state !== 'never' && state !== 'loading';
  return (
    <a className={`status-pill status-${state}`} href={hrefOf('sync')} data-testid="status-pill">
      <span className="dot" aria-hidden="true" />
      {text}
      {showAge && (
        <span className="status-age">
          {' · '}
          <LiveAge iso={asOf} prefix={state === 'failed' ? 'last success ' : ''} />
        </span>
      )}
      {state === 'failed' && asOf === null && <span className="status-age"> · never synced</span>}
    </a>
  );
}
