import type { ErrorClass } from '../../shared/domain.js';

/**
 * What to do about a class of failure, for records that kept only the class (a stored
 * sync_history row). Live errors carry their own, more specific recommendation.
 */
const ADVICE: Record<ErrorClass, string> = {
  config: 'Check the account settings or environment variables named in the message.',
  auth: 'Check the API key and secret, and whether the account should be on testnet or demo trading. Run the diagnostics for details.',
  permission: 'Give the API key the read permission it lacks on the exchange (a read-only key is enough).',
  ip: "Add this computer's public IP address to the API key's IP restriction.",
  clock: 'Turn on automatic time sync in the operating system.',
  'rate-limit': 'Nothing to do: the next sync waits and tries again.',
  network: 'Check the internet connection, proxy or VPN; the next sync tries again.',
  'exchange-down': 'The exchange is having trouble; the next sync tries again.',
  'bad-response': 'Usually temporary; if it keeps happening, check for an update of AlphaPulse Sync.',
  database: 'Check that the database server is running and reachable; run the diagnostics for details.',
  keychain: 'Unlock the system keychain, or use environment variables for the API key.',
  cancelled: 'Nothing to do: the sync was stopped on purpose (quit or cancel) and nothing of it was saved; the next sync tries again.',
  internal: 'Run the diagnostics; if the problem stays, report it with the diagnostics report.',
};

export function adviceFor(errorClass: string): string {
  return ADVICE[errorClass as ErrorClass] ?? ADVICE.internal;
}
