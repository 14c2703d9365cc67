import { AppError } from '../errors.js';
import type { AccountRef, SecretStore } from '../secrets/secret-store.js';
import type { Settings } from '../config/settings-schema.js';

/**
 * An external database's password lives in the keychain, never in settings.json
 * (secrets never live in a plain file): the settings keep the URL without it, and the core puts it back in
 * when it connects.
 */
export const DATABASE_PASSWORD_REF: AccountRef = { exchangeId: 'database', accountId: 'external' };

/** The URL without its password, and the password (empty when there was none). */
export function splitPassword(url: string): { url: string; password: string } {
  const u = new URL(url.trim());
  const password = decodeURIComponent(u.password) || (u.searchParams.get('password') ?? '');
  u.password = '';
  u.searchParams.delete('password');
  return { url: u.toString(), password };
}

export function withPassword(url: string, password: string): string {
  const u = new URL(url.trim());
  u.password = encodeURIComponent(password);
  return u.toString();
}

/** Stores a new database password; without a keychain there is nowhere safe to keep it. */
export async function storeDatabasePassword(keychain: SecretStore | null, url: string, password: string): Promise<void> {
  if (!keychain) {
    throw new AppError('keychain', 'There is no keychain to keep the database password in',
      'Put the database URL with its password in the DATABASE_URL environment variable instead.');
  }
  await keychain.set(DATABASE_PASSWORD_REF, { apiKey: splitPassword(url).url, secret: password });
}

/**
 * The settings as the database connection needs them: an external URL without a
 * password gets the one from the keychain (stored for that same URL).
 */
export async function withStoredDatabasePassword(settings: Settings, keychain: SecretStore | null): Promise<{ settings: Settings; stored: boolean }> {
  const db = settings.database;
  if (db.mode !== 'external' || !keychain) return { settings, stored: false };
  let parts: { url: string; password: string };
  try {
    parts = splitPassword(db.url);
  } catch {
    return { settings, stored: false };
  }
  if (parts.password) return { settings, stored: false };
  const kept = await keychain.get(DATABASE_PASSWORD_REF).catch(() => null);
  if (!kept || kept.apiKey !== parts.url) return { settings, stored: false };
  return { settings: { ...settings, database: { ...db, url: withPassword(db.url, kept.secret) } }, stored: true };
}
