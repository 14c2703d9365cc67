import { formatDate } from '../format/time-format.js';
import { countOf } from '../../../shared/format/plural.js';
import { EXPIRY_ADVICE, expirySoon } from '../state/key-expiry.js';
import { useNow } from '../state/use-now.js';

/** "⚠ The API key expires on 5 Dec 2026 (in 3 days). Create a new key…": nothing for a key that is not expiring soon. */
export function KeyExpiryWarning({ expiresAt, as: Tag = 'p' }: { expiresAt: string | null; as?: 'p' | 'li' }) {
  const now = useNow();
  const soon = expirySoon(expiresAt, now);
  if (!soon || expiresAt === null) return null;
  const when = soon.days === 0 ? 'today' : soon.days === 1 ? 'tomorrow' : `in ${countOf(soon.days, 'day')}`;
  return (
    <Tag className="warn-text small" data-testid="key-expiry-warning">
      ⚠ The API key expires on {formatDate(expiresAt)} ({when}). {EXPIRY_ADVICE}
    </Tag>
  );
}
