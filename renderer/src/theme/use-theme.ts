import { useCallback, useEffect, useState } from 'react';
import { nextPreference, parsePreference, THEME_STORAGE_KEY, type ThemePreference } from './theme.js';

function readStored(): string | null {
  try {
    return window.localStorage.getItem(THEME_STORAGE_KEY);
  } catch {
    // Storage can be disabled (privacy settings); the theme then simply follows the system.
    return null;
  }
}

/**
 * The theme preference, applied as `data-theme` on <html>: the stylesheet follows
 * prefers-color-scheme unless the attribute forces light or dark.
 */
export function useTheme(): { preference: ThemePreference; cycle: () => void } {
  const [preference, setPreference] = useState<ThemePreference>(() => parsePreference(readStored()));
  useEffect(() => {
    const root = document.documentElement;
    if (preference === 'system') delete root.dataset.theme;
    else root.dataset.theme = preference;
    try {
      window.localStorage.setItem(THEME_STORAGE_KEY, preference);
    } catch {
      // Not persisted: the choice still holds for this session.
    }
  }, [preference]);
  const cycle = useCallback(() => setPreference(nextPreference), []);
  return { preference, cycle };
}
