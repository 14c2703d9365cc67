import { useCallback, useSyncExternalStore } from 'react';
import { hrefOf, parseHash, type Route } from './routes.js';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const snapshot = () => window.location.hash;

/** The current route from the location hash, and a way to go elsewhere (back/forward keep working). */
export function useHashRoute(): { route: Route; hash: string; navigate: (route: Route) => void } {
  const hash = useSyncExternalStore(subscribe, snapshot);
  const navigate = useCallback((route: Route) => {
    window.location.hash = hrefOf(route);
  }, []);
  return { route: parseHash(hash), hash, navigate };
}
