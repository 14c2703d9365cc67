import type { AppError } from '../../errors.js';
import type { HistoryImport, ImportCursors, ImportKind } from '../history-types.js';
import type { FillsState } from '../types.js';
import type { WindowProgress } from '../window-progress.js';
import type { BybitApi } from './bybit-api.js';
import { ASSET_WINDOW_MS, fetchConverts, fetchDeposits, fetchTransfers, fetchWithdrawals, unknownCashFlowTypes } from './bybit-cash-flows.js';
import { planWindows, WINDOW_MS, type WindowPlan } from './bybit-fills.js';
import { fetchClosedPnl, fetchDerivativeFills, fetchTransactionLog, KNOWN_TRANSACTION_TYPES } from './bybit-history.js';

const NEVER: FillsState = { cursor: null, historyStart: null };

/** Names used in the warning when the key may not read a kind. */
const LABEL: Partial<Record<ImportKind, string>> = {
  deposits: 'Deposit history', withdrawals: 'Withdrawal history', 'internal-transfers': 'Internal transfer history',
  'universal-transfers': 'Universal transfer history', converts: 'Convert history',
};

/**
 * Reads every history kind beside spot fills, all in parallel (each endpoint paced by
 * its own gate), each from its own cursor: two years on the first sync, then only the
 * newest window. Deposits, withdrawals, transfers and converts may be refused to a key
 * (sub-account keys, no Wallet permission): that is a warning and the kind keeps its
 * cursor; any other failure fails the sync. The transaction log exists on UTA only.
 */
export async function collectHistory(api: BybitApi, opts: { cursors: ImportCursors; serverNow: number; mode: string; progress: WindowProgress }, warnings: string[]): Promise<HistoryImport> {
  const next: ImportCursors = {};
  const plan = (kind: ImportKind, windowMs = WINDOW_MS) => planWindows(opts.cursors[kind] ?? NEVER, opts.serverNow, windowMs);

  async function read<T>(kind: ImportKind, windowMs: number, fetch: (p: WindowPlan) => Promise<T[]>): Promise<T[]> {
    const p = plan(kind, windowMs);
    const onWindow = opts.progress.add(p.windows.length);
    return tolerate(kind, async () => {
      const rows = await fetch({ ...p, onWindow });
      next[kind] = p.next;
      return rows;
    });
  }

  async function tolerate<T>(kind: ImportKind, fn: () => Promise<T[]>): Promise<T[]> {
    try {
      return await fn();
    } catch (e) {
      const label = LABEL[kind];
      if (label === undefined || (e as AppError).errorClass !== 'permission') throw e;
      warnings.push(`${label} not read: ${(e as AppError).message}. ${(e as AppError).recommendation}`);
      return [];
    }
  }

  const [linearFills, inverseFills, linearPnl, inversePnl, log, deposits, withdrawals, internal, universal, converts] = await Promise.all([
    read('linear-fills', WINDOW_MS, (p) => fetchDerivativeFills(api, p, 'linear')),
    read('inverse-fills', WINDOW_MS, (p) => fetchDerivativeFills(api, p, 'inverse')),
    read('linear-closed-pnl', WINDOW_MS, (p) => fetchClosedPnl(api, p, 'linear')),
    read('inverse-closed-pnl', WINDOW_MS, (p) => fetchClosedPnl(api, p, 'inverse')),
    opts.mode === 'unified' ? read('transaction-log', WINDOW_MS, (p) => fetchTransactionLog(api, p)) : Promise.resolve([]),
    read('deposits', ASSET_WINDOW_MS, (p) => fetchDeposits(api, p)),
    read('withdrawals', ASSET_WINDOW_MS, (p) => fetchWithdrawals(api, p)),
    read('internal-transfers', WINDOW_MS, (p) => fetchTransfers(api, p, 'internal-transfer')),
    read('universal-transfers', WINDOW_MS, (p) => fetchTransfers(api, p, 'universal-transfer')),
    tolerate('converts', async () => {
      // Not windowed: one list, paged; one step of the progress.
      const onRead = opts.progress.add(1);
      const r = await fetchConverts(api, opts.cursors.converts ?? NEVER, opts.serverNow);
      onRead();
      next.converts = r.next;
      return r.rows;
    }),
  ]);
  const cashFlows = [...deposits, ...withdrawals, ...internal, ...universal, ...converts];
  const oddTypes = [...new Set(log.filter((r) => !KNOWN_TRANSACTION_TYPES.has(r.type)).map((r) => `transaction type ${r.type}`)), ...unknownCashFlowTypes(cashFlows)];
  if (oddTypes.length > 0) warnings.push(`Stored with their raw type, not yet understood: ${oddTypes.join(', ')}.`);
  return { derivativeFills: [...linearFills, ...inverseFills], closedPnl: [...linearPnl, ...inversePnl], transactionLog: log, cashFlows, cursors: next };
}
