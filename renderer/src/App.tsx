import { lazy, Suspense, useEffect, useRef } from 'react';
import { useConnectionState } from './api/index.js';
import { EmptyState, Loading } from './components/async-view.js';
import { AppHeader } from './components/app-header.js';
import { Banners } from './components/banners.js';
import { ErrorBoundary } from './components/error-boundary.js';
import { NAV_ITEMS, startRoute, type Route } from './routing/routes.js';
import { useHashRoute } from './routing/use-hash-route.js';
import { DiagnosticsScreen } from './screens/diagnostics/diagnostics-screen.js';
import { OnboardingScreen } from './screens/onboarding/onboarding-screen.js';
import { PortfolioScreen } from './screens/portfolio/portfolio-screen.js';
import { PositionsScreen } from './screens/positions/positions-screen.js';
import { SettingsScreen } from './screens/settings/settings-screen.js';
import { SyncScreen } from './screens/sync/sync-screen.js';
import { TradesScreen } from './screens/trades/trades-screen.js';
import { ConnectionEpochProvider } from './state/connection-epoch.js';
import { KeyHealthProvider } from './state/key-health.js';
import { LiveActivityProvider } from './state/live-activity.js';
import { LiveDataProvider, useAccounts } from './state/live-data.js';
import { useTheme } from './theme/use-theme.js';

// The charting library is most of the bundle and only History needs it: it loads with that screen.
const HistoryScreen = lazy(() => import('./screens/history/history-screen.js').then((m) => ({ default: m.HistoryScreen })));


/** The dashboard: shared live state around the header, the banners and the current screen. */
export function App() {
  return (
    <ConnectionEpochProvider>
      <LiveDataProvider>
        <LiveActivityProvider>
          <KeyHealthProvider>
            <Shell />
          </KeyHealthProvider>
        </LiveActivityProvider>
      </LiveDataProvider>
    </ConnectionEpochProvider>
  );
}

function Shell() {
  const { route, navigate } = useHashRoute();
  const { preference, cycle } = useTheme();
  const accounts = useAccounts();
  const connection = useConnectionState();
  const main = useRef<HTMLElement>(null);
  const started = useRef(false);
  const previousRoute = useRef(route);

  // Once, when the accounts are first known: with none, start in onboarding.
  useEffect(() => {
    if (started.current || !accounts.data) return;
    started.current = true;
    const target = startRoute(route, accounts.data.accounts.length);
    if (target !== route) navigate(target);
  }, [accounts.data, route, navigate]);

  // A new screen takes the focus (keyboard and screen-reader users start at its top) and names the window.
  useEffect(() => {
    const label = NAV_ITEMS.find((i) => i.route === route)?.label ?? 'Set up';
    document.title = `${label} · AlphaPulse Sync`;
    if (previousRoute.current !== route) main.current?.focus();
    previousRoute.current = route;
  }, [route]);

  return (
    <div className="app">
      <button type="button" className="skip-link" onClick={() => main.current?.focus()}>Skip to content</button>
      <AppHeader route={route} theme={preference} onCycleTheme={cycle} />
      <Banners onboarding={route === 'onboarding'} />
      <main id="main" ref={main} tabIndex={-1} className="main">
        <ErrorBoundary resetKey={route}>
          {connection === 'unauthorized' ? <LinkExpired /> : <Screen route={route} navigate={navigate} />}
        </ErrorBoundary>
      </main>
    </div>
  );
}

function Screen({ route, navigate }: { route: Route; navigate: (r: Route) => void }) {
  switch (route) {
    case 'portfolio': return <PortfolioScreen />;
    case 'history': return <Suspense fallback={<Loading label="Loading the history…" />}><HistoryScreen /></Suspense>;
    case 'trades': return <TradesScreen />;
    case 'positions': return <PositionsScreen />;
    case 'sync': return <SyncScreen />;
    case 'settings': return <SettingsScreen />;
    case 'diagnostics': return <DiagnosticsScreen />;
    case 'onboarding': return <OnboardingScreen navigate={navigate} />;
  }
}

/**
 * The server refused this tab's token (it restarted with a new one, or the link was
 * mistyped): nothing on any screen can load, so say so instead of loading forever.
 */
function LinkExpired() {
  return (
    <div data-testid="link-expired">
      <EmptyState title="This dashboard link is no longer valid">
        <p>AlphaPulse Sync was restarted (each start makes a new link unless ALPHAPULSE_SERVE_TOKEN is set), or the link was mistyped.</p>
        <p>Open the link that <code>alphapulse-sync serve</code> printed when it started; it ends in <code>#token=…</code>.</p>
      </EmptyState>
    </div>
  );
}
