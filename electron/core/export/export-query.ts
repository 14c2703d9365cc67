import type { Pool, PoolClient } from 'pg';
import { configError } from '../errors.js';
import type { TradesExportFilter } from '../../../shared/trades.js';
import { EXPORT_KINDS, type ExportKind, type ExportQuery } from './export-kinds.js';

/** An export as a person asks for it: names and dates as typed. */
export interface ExportRequest {
  kind: string;
  /** `exchange:account` or just the account id; null for every account. */
  account: string | null;
  /** ISO 8601 date (`2026-01-31`, UTC midnight) or instant. */
  from: string | null;
  /** Like `from`; a plain date includes that whole day. */
  to: string | null;
  /** Trades only: asset search, side and category (the Trades screen's filter); validated by the caller's schema. */
  trades?: TradesExportFilter | null;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

function parseTime(value: string, option: '--from' | '--to'): Date {
  const text = value.trim();
  const t = DATE_ONLY.test(text) ? Date.parse(`${text}T00:00:00Z`) : /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : Number.NaN;
  if (!Number.isFinite(t)) throw configError(`${option} "${text.slice(0, 40)}" is not a date`, `Give ${option} as a date such as 2026-01-31 or a time such as 2026-01-31T12:00:00Z (UTC).`);
  // A plain "to" date means "through that day".
  return new Date(option === '--to' && DATE_ONLY.test(text) ? t + DAY_MS : t);
}

/**
 * Checks an export request against the database's accounts: an unknown kind or account,
 * a date that is not one, or a range that ends before it starts is a configuration error
 * naming the argument, before anything is written.
 */
export async function resolveExportQuery(db: Pool | PoolClient, req: ExportRequest): Promise<ExportQuery> {
  if (!(EXPORT_KINDS as readonly string[]).includes(req.kind)) {
    throw configError(`"${req.kind.slice(0, 40)}" is not something to export`, `Choose one of: ${EXPORT_KINDS.join(', ')}.`);
  }
  const from = req.from === null ? null : parseTime(req.from, '--from');
  const to = req.to === null ? null : parseTime(req.to, '--to');
  if (from && to && from >= to) throw configError('--from is not before --to', 'Give a --from date earlier than the --to date (a plain --to date includes that day).');
  // Positions are the open ones as of the last sync: a time range would be silently ignored.
  if (req.kind === 'positions' && (from || to)) throw configError('--from and --to do not apply to positions', 'Positions are the open ones as of the last sync; export them without dates.');
  const trades = req.trades ?? null;
  if (trades !== null && req.kind !== 'trades') throw configError(`A trades filter does not apply to ${req.kind}`, 'Give the asset, side or category only when exporting trades.');
  return { kind: req.kind as ExportKind, account: req.account === null ? null : await findAccount(db, req.account), from, to, ...(trades ? { trades } : {}) };
}

async function findAccount(db: Pool | PoolClient, ref: string): Promise<ExportQuery['account'] & object> {
  const { rows } = await db.query<{ id: number; exchange_id: string; account: string }>('SELECT id, exchange_id, account FROM accounts WHERE removed_at IS NULL ORDER BY exchange_id, account');
  const [exchange, account] = ref.includes(':') ? ref.split(':', 2) as [string, string] : [null, ref];
  const matches = rows.filter((r) => r.account === account && (exchange === null || r.exchange_id === exchange));
  const known = rows.map((r) => `${r.exchange_id}:${r.account}`).join(', ') || 'none yet (run a sync first)';
  if (matches.length === 1) return { id: matches[0]!.id, exchangeId: matches[0]!.exchange_id, account: matches[0]!.account };
  if (matches.length > 1) throw configError(`--account "${ref}" names more than one account`, `Say which exchange: ${matches.map((r) => `${r.exchange_id}:${r.account}`).join(', ')}.`);
  throw configError(`--account "${ref.slice(0, 70)}" is not an account in this database`, `Accounts: ${known}.`);
}
