/**
 * What works on a computer without a usable keychain, in the same words for the
 * dashboard's first screen and for `diagnose`: keys from the environment (then a
 * restart), or a keyring started first. Keys never go into a plain file.
 */
export const ENV_KEY_VARIABLES = ['BYBIT_API_KEY', 'BYBIT_API_SECRET'] as const;

/** Starting `serve` with the key in its environment. */
export const ENV_KEY_COMMAND = 'BYBIT_API_KEY=… BYBIT_API_SECRET=… npx alphapulse-sync serve';

/** Starting `serve` inside a D-Bus session with an unlocked GNOME keyring (Linux servers). */
export const KEYRING_COMMAND = 'dbus-run-session -- sh -c \'printf %s "$KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets && npx alphapulse-sync serve\'';

/** The whole advice as one paragraph, for text reports. */
export function noKeychainAdvice(platform: string): string {
  const env = `Stop AlphaPulse Sync and start it again with the key in the environment: ${ENV_KEY_COMMAND} (add BYBIT_TESTNET=true for a testnet key); the account then appears by itself.`;
  const keyring = platform === 'linux'
    ? ` Or start a keyring first (packages gnome-keyring, dbus-user-session, libsecret-1-0): ${KEYRING_COMMAND}.`
    : ' Or make the system keychain available (log in to a desktop session) and start the app again.';
  return `${env}${keyring} Keys are never written to a plain file.`;
}
