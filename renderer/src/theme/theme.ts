/** The user's theme choice: follow the system (prefers-color-scheme) or force one. */
export type ThemePreference = 'system' | 'light' | 'dark';

const ORDER: readonly ThemePreference[] = ['system', 'light', 'dark'];

export const THEME_STORAGE_KEY = 'alphapulse.theme';

/** A stored value, or 'system' for anything missing or unknown. */
export function parsePreference(stored: string | null): ThemePreference {
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}

/** The toggle cycles system → light → dark → system. */
export function nextPreference(current: ThemePreference): ThemePreference {
  return ORDER[(ORDER.indexOf(current) + 1) % ORDER.length] ?? 'system';
}

export function preferenceLabel(p: ThemePreference): string {
  return p === 'system' ? 'Theme: system' : p === 'light' ? 'Theme: light' : 'Theme: dark';
}
