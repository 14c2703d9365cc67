import type { ErrorClass } from '../domain.js';

const CLASS_LABELS: Record<ErrorClass, string> = {
  config: 'Configuration', auth: 'API key', permission: 'Permission', ip: 'IP address', clock: 'Clock',
  'rate-limit': 'Rate limit', network: 'Network', 'exchange-down': 'Exchange unavailable', 'bad-response': 'Unexpected answer',
  database: 'Database', keychain: 'Keychain', cancelled: 'Stopped', internal: 'Internal error',
};

/** A short name for an error class, for badges and sentences ("failed (network)"), never a bracketed tag. */
export function errorClassLabel(c: ErrorClass): string {
  return CLASS_LABELS[c];
}
