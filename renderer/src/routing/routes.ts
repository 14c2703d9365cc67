/** The screens and their hash routes (`#/portfolio`); hash routing needs no server support. */
export const ROUTES = ['portfolio', 'history', 'trades', 'positions', 'sync', 'settings', 'diagnostics', 'onboarding'] as const;
export type Route = (typeof ROUTES)[number];

export const DEFAULT_ROUTE: Route = 'portfolio';

/** Screens in the navigation, in order, with their labels (onboarding is reached, not chosen). */
export const NAV_ITEMS: ReadonlyArray<{ route: Exclude<Route, 'onboarding'>; label: string }> = [
  { route: 'portfolio', label: 'Portfolio' },
  { route: 'history', label: 'History' },
  { route: 'trades', label: 'Trades' },
  { route: 'positions', label: 'Positions' },
  { route: 'sync', label: 'Sync' },
  { route: 'settings', label: 'Settings' },
  { route: 'diagnostics', label: 'Diagnostics' },
];

/** "#/history" or "#history" → 'history'; anything unknown → the portfolio. */
export function parseHash(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : DEFAULT_ROUTE;
}

export function hrefOf(route: Route): string {
  return `#/${route}`;
}

/**
 * Where to start once the accounts are known: with none configured the app opens
 * onboarding, but only from the default screen, so Settings and Diagnostics stay reachable.
 */
export function startRoute(route: Route, accountCount: number): Route {
  return accountCount === 0 && route === DEFAULT_ROUTE ? 'onboarding' : route;
}
