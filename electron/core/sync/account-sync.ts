import { pickDisplayRates } from '../portfolio/display-rates.js';
import type { Pool, PoolClient } from 'pg';
import type { AccountSyncSummary } from '../../../shared/api.js';
import type { BreakerInfo, PortfolioItem, SyncProgress } from '../../../shared/domain.js';
import type { AccountConfig } from '../config/app-config.js';
import { envPrefix } from '../config/env.js';
import { AppError, configError } from '../errors.js';
import type { AccountConnection } from '../exchange/create-client.js';
import type { CollectResult, ExchangeAccountClient } from '../exchange/types.js';
import { ensureAccount, markAccountSynced } from '../db/repositories/accounts-repo.js';
import { loadImportCursors, writeHistory } from '../db/repositories/cash-flows-repo.js';
import { readRecentOutcomes } from '../db/repositories/read-repo.js';
import { changedBookings, changedConvertBookings, type BasisCache, type StoredBasis } from './basis-cache.js';
import { reconstructHistory } from './history-backfill.js';
import { reconcileAccount } from './reconciliation.js';
import { loadAccountRecords, withImported } from '../db/repositories/flows-repo.js';
import { readBackfillState, writeBackfill } from '../db/repositories/backfill-repo.js';
import type { BackfillPoint } from '../portfolio/backfill.js';
import { throwIfAborted } from '../abort.js';
import { withDeadline } from '../exchange/resilience.js';
import { breakerState, type BreakerPolicy } from './breaker.js';
import { recordFailedRun, writeAccountSync } from '../db/repositories/sync-write.js';
import { withTransaction } from '../db/transaction.js';
import type { Logger } from '../logging/logger.js';
import { computeCostBooks, type CostConvert, type CostFill, type CostTransfer, type DepositCostBasis } from '../portfolio/cost-basis.js';
import { holdingsCost } from '../portfolio/holdings-cost.js';
import { costMovesOf, mergeCostFlows } from '../db/repositories/cost-transfers-repo.js';
import { flowRulesFor } from '../exchange/flow-rules.js';
import { markItemsPolicy, writeConvertBookings } from '../db/repositories/fills-repo.js';
import { dec } from '../portfolio/decimal.js';
import type { FlowRules } from '../portfolio/flows.js';
import { resolveUsdtPrices } from '../portfolio/pricing.js';
import { unrealisedPnlUsdt } from '../portfolio/unrealised.js';
import { summarisePortfolio, valueAccount, type Holding } from '../portfolio/valuation.js';
import type { SecretStore } from '../secrets/secret-store.js';

export interface AccountSyncDeps {
  pool: Pool;
  secrets: SecretStore;
  createClient: (conn: AccountConnection) => Promise<ExchangeAccountClient>;
  basisCache: BasisCache;
  /** How deposits enter average entry prices (a setting; read at each sync). */
  depositCostBasis: () => DepositCostBasis;
  /** Drops the account's kept client after a failure. */
  discardClient: (conn: AccountConnection) => void;
  classifyDbError: (e: unknown) => AppError;
  /** Cuts secrets out of a message before it is stored or returned. */
  redact: (text: string) => string;
  log: Logger;
  now: () => Date;
  breaker: BreakerPolicy;
  /** Longest one account's sync may take, exchange reads and writing included. */
  deadlineMs: number;
}

/** One account's part of the run summary, and the sync_history row it wrote when it succeeded. */
export interface AccountSyncResult extends AccountSyncSummary {
  syncId: number | null;
}

const CLOSED: BreakerInfo = { state: 'closed', consecutiveFailures: 0, cooldownRemainingSeconds: null, lastErrorClass: null };

/**
 * One account, isolated: its own advisory lock, exchange reads outside any
 * transaction, then a single transaction that writes everything or nothing. A failure
 * is classified, recorded in sync_history and returned, never thrown.
 */
export async function syncAccount(deps: AccountSyncDeps, account: AccountConfig, run: { trigger: string; force: boolean; signal?: AbortSignal | null }, onProgress: (p: SyncProgress) => void): Promise<AccountSyncResult> {
  const { trigger } = run;
  const startedAt = deps.now();
  const startedAtPerf = performance.now();
  const base = { exchangeId: account.exchangeId, account: account.id };
  const result: AccountSyncResult = { ...base, ok: false, skipped: null, error: null, warnings: [], requests: 0, fillsImported: 0, totalValue: null, syncId: null, breaker: CLOSED };
  let recent: Awaited<ReturnType<typeof readRecentOutcomes>> = [];
  const progress = (p: Omit<SyncProgress, 'exchangeId' | 'account'>) => onProgress({ ...base, ...p });
  let client: ExchangeAccountClient | null = null;
  let conn: AccountConnection | null = null;
  let requestsBefore = 0;
  let db: PoolClient | null = null;
  let locked = false;
  try {
    const lockKey = `alphapulse-sync:${account.exchangeId}:${account.id}`;
    const lock = await lockAccount(deps.pool, lockKey).catch((e: unknown) => { throw deps.classifyDbError(e); });
    db = lock.client;
    if (!lock.acquired) {
      result.skipped = 'another AlphaPulse Sync process is syncing this account right now';
      result.ok = true;
      return result;
    }
    locked = true;
    recent = await readRecentOutcomes(db, account.exchangeId, account.id);
    result.breaker = breakerState(recent, deps.now(), deps.breaker);
    if (result.breaker.state === 'open' && !run.force) {
      result.skipped = breakerMessage(result.breaker);
      return result;
    }
    const row = await ensureAccount(db, { exchangeId: account.exchangeId, account: account.id, label: account.label, testnet: account.testnet, demo: account.demo });
    if (row.removedAt !== null) {
      // Removed on this or another machine sharing the database: every machine leaves it alone.
      result.skipped = 'removed from the shared database; save the account again in the settings to restore it';
      result.ok = true;
      return result;
    }
    const credentials = await deps.secrets.get({ exchangeId: account.exchangeId, accountId: account.id });
    if (!credentials) throw missingKey(account);
    conn = { ...base, accountId: account.id, testnet: account.testnet, demo: account.demo, apiUrl: account.apiUrl, testnetApiUrl: account.testnetApiUrl, credentials };
    client = await deps.createClient(conn);
    requestsBefore = client.requestCount();
    const exchangeClient = client;
    const t0 = performance.now();
    // The stored fills load and their cost basis is computed while the exchange is read:
    // a warm sync is mostly waiting, so this work is off the critical path.
    const policy = deps.depositCostBasis();
    // A kept client knows the account's own id from the last sync: the books use it at once.
    const knownId = client.ownId?.() ?? null;
    const rules = flowRulesFor(account.exchangeId, { ownId: knownId });
    const storedFills = deps.basisCache.load(db, row.id, policy, rules, knownId ?? '');
    storedFills.catch(() => undefined);
    const backfillState = readBackfillState(deps.pool, row.id, policy);
    backfillState.catch(() => undefined);
    // No spot cursor means a first sync, or a switch to testnet/demo that started the
    // import over: the history kinds start over with it.
    const cursors = row.fills.cursor === null ? {} : await loadImportCursors(db, row.id);
    // The deadline (or a cancel) aborts the client's signal: no request starts after it,
    // every wait ends at once, and the sync fails before anything is written.
    const collected = await withDeadline(deps.deadlineMs, (signal) => exchangeClient.collect({ fills: row.fills, accountMode: row.accountMode, onProgress: progress, signal, cursors }),
      () => new AppError('network', `The sync did not finish within ${Math.round(deps.deadlineMs / 1000)} s`, 'The exchange or the connection is very slow; the next sync tries again.', { transient: true }), run.signal);
    result.requests = collected.requests;
    result.warnings = collected.warnings;
    progress({ step: 'saving', done: 0, total: null, message: 'Saving' });
    const t1 = performance.now();
    // With the account's own id read (and not known before), the rules place every sub-account transfer.
    const accountRules = collected.ownId && collected.ownId !== knownId ? flowRulesFor(account.exchangeId, { ownId: collected.ownId }) : rules;
    const { items, totalValue, walletValue, unrealisedPnl, unpricedAssets, prices, bookings, convertBookings, fills, transfers, converts, cost, costPolicy, warnings: valueWarnings } = value(account, collected, await storedFills, accountRules, accountRules !== rules);
    collected.warnings.push(...valueWarnings);
    const t2 = performance.now();
    const backfill = (await backfillState).done ? null : await backfillHistory(deps, exchangeClient, collected, { accountId: row.id, fills, transfers, converts, policy: costPolicy, rules: accountRules }, (await backfillState).firstSyncAt, run.signal);
    result.requests = exchangeClient.requestCount() - requestsBefore;
    const finishedAt = deps.now();
    throwIfAborted(run.signal);
    const tx = db;
    let history: Awaited<ReturnType<typeof writeHistory>> | null = null;
    const written = await withTransaction(tx, async () => {
      const w = await writeAccountSync(tx, {
        accountId: row.id, ...base, trigger, startedAt, finishedAt, balances: collected.balances, prices,
        fills: collected.fills, bookings, positions: collected.positions, items, totalValue, walletValue, unrealisedPnl, unpricedAssets, cost, costPolicy, displayRates: pickDisplayRates(collected.tickers), warnings: collected.warnings, requests: result.requests,
        ...(collected.rateUse ? { rateUse: collected.rateUse } : {}),
      });
      if (collected.history) history = await writeHistory(tx, row.id, collected.history);
      // After the history: a new convert's row exists by now.
      await writeConvertBookings(tx, row.id, convertBookings);
      await markItemsPolicy(tx, account.exchangeId, account.id, costPolicy);
      if (backfill) await writeBackfill(tx, row.id, backfill, finishedAt, costPolicy);
      await reconcileAccount(tx, row.id, { balances: collected.balances, spotFills: fills, accountMode: collected.accountMode, warnings: collected.warnings, at: finishedAt, rules: accountRules });
      await markAccountSynced(tx, row.id, collected.fillsState, collected.accountMode, finishedAt);
      // A cancel that came while writing still wins: nothing of this sync is kept.
      throwIfAborted(run.signal);
      return w;
    });
    // Stored figures changed under the cached books: the next sync reads them afresh.
    if (bookings.length > 0 || convertBookings.length > 0) deps.basisCache.forget(row.id);
    Object.assign(result, { ok: true, fillsImported: written.fillsInserted, totalValue, syncId: written.syncId, breaker: CLOSED });
    progress({ step: 'done', done: 1, total: 1, message: 'Synced' });
    const ms = { prepare: Math.round(t0 - startedAtPerf), exchange: Math.round(t1 - t0), compute: Math.round(t2 - t1), write: Math.round(performance.now() - t2) };
    deps.log.info('account synced', { ...base, requests: result.requests, fills: written.fillsInserted, history, warnings: result.warnings.length, ms });
    return result;
  } catch (e) {
    const error = classify(e);
    result.error = { errorClass: error.errorClass, message: deps.redact(error.message), recommendation: deps.redact(error.recommendation) };
    result.requests = client ? client.requestCount() - requestsBefore : result.requests;
    if (conn) deps.discardClient(conn);
    deps.log.warn('account sync failed', { ...base, errorClass: error.errorClass, message: result.error.message, cause: String((error.cause as Error | undefined)?.message ?? '') });
    const finishedAt = deps.now();
    await recordFailedRun(deps.pool, { ...base, trigger, startedAt, finishedAt, errorClass: error.errorClass, message: result.error.message, requests: result.requests, warnings: result.warnings })
      .catch((err: unknown) => deps.log.error('could not record the failed run', { ...base, message: String((err as Error).message) }));
    result.breaker = breakerState([{ success: false, endTime: finishedAt, errorClass: error.errorClass }, ...recent], deps.now(), deps.breaker);
    return result;
  } finally {
    // Unlocked before returning: a sync right after this one must find the lock free.
    if (db && locked) await db.query('SELECT pg_advisory_unlock(hashtext($1))', [`alphapulse-sync:${account.exchangeId}:${account.id}`]).catch(() => undefined);
    // A connection whose state is unknown (query failed mid-way) is discarded, not reused.
    db?.release(result.ok ? undefined : true);
  }
}

/** `ownRules`: the rules newly know the account's own id, so sub-account transfers may sit otherwise than in the cached books. */
function value(account: AccountConfig, c: CollectResult, stored: StoredBasis, rules: FlowRules, ownRules: boolean) {
  const known = new Set(stored.fills.map((f) => f.id));
  const fresh: CostFill[] = c.fills.filter((f) => !known.has(f.fillId)).map((f) => ({
    id: f.fillId, executedAt: f.executedAt, base: f.base, quote: f.quote, side: f.side, price: dec(f.price), quantity: dec(f.quantity),
    fee: f.fee === null ? null : dec(f.fee), feeCurrency: f.feeCurrency,
    quoteUsdtRate: f.quoteUsdtRate === null ? null : dec(f.quoteUsdtRate), feeUsdtRate: f.feeUsdtRate === null ? null : dec(f.feeUsdtRate),
  }));
  const holdingsMap = new Map<string, Holding>();
  for (const b of c.balances) {
    const h = holdingsMap.get(b.asset) ?? { asset: b.asset, wallets: {} };
    h.wallets[b.wallet] = (h.wallets[b.wallet] ?? dec('0')).plus(dec(b.quantity));
    holdingsMap.set(b.asset, h);
  }
  const holdings = [...holdingsMap.values()];
  const settleCoins = c.positions.flatMap((p) => (p.settleCoin === null ? [] : [p.settleCoin]));
  const priceMap = resolveUsdtPrices(c.tickers, [...new Set([...holdings.map((h) => h.asset), ...settleCoins])]);
  // Stored cash flows with this sync's: a record read again may have moved on or gained a rate.
  const flows = mergeCostFlows(stored.flows, c.history?.cashFlows ?? []);
  const moves = costMovesOf(flows.flows, rules);
  const placed = ownRules && flows.flows.some((f) => f.kind === 'universal-transfer');
  const books = fresh.length || flows.changed || placed ? computeCostBooks([...stored.fills, ...fresh], moves.transfers, stored.policy, moves.converts) : stored;
  const valuation = valueAccount({ exchangeId: account.exchangeId, account: account.id, holdings, prices: priceMap, costBasis: books.basis });
  // The snapshot's cost from the very books the items' average entry prices come from.
  const cost = holdingsCost(valuation.items.map((i) => ({ asset: i.asset, quantity: i.quantity, price: i.currentPrice })), books.basis);
  const pnl = unrealisedPnlUsdt(c.positions, priceMap);
  const summary = summarisePortfolio(valuation.items, c.serverTime, pnl.total);
  const items: PortfolioItem[] = summary.items;
  const prices = [...priceMap].map(([asset, p]) => ({ asset, price: p.price.toString(), change24hPct: p.change24hPct?.toString() ?? null, sourceSymbol: p.sourceSymbol }));
  const warnings = pnl.unpriced.length === 0 ? [] : [`Unrealised P&L of ${pnl.unpriced.join(', ')} not counted: its settle coin has no price.`];
  return {
    items, totalValue: summary.totalValue, walletValue: summary.walletValue, unrealisedPnl: summary.unrealisedPnl, unpricedAssets: valuation.unpricedAssets, prices, warnings,
    bookings: changedBookings(books.outcomes, stored.bookings, stored.policy), convertBookings: changedConvertBookings(books.convertOutcomes, stored.convertBookings, stored.policy),
    fills: [...stored.fills, ...fresh], transfers: moves.transfers, converts: moves.converts, cost, costPolicy: stored.policy,
  };
}

/**
 * The first sync's reconstruction of the net value before it. Its failure costs the
 * history, not the sync: a warning, and the next sync tries again.
 */
async function backfillHistory(deps: AccountSyncDeps, client: ExchangeAccountClient, c: CollectResult,
  account: { accountId: number; fills: CostFill[]; transfers: CostTransfer[]; converts: CostConvert[]; policy: DepositCostBasis; rules: FlowRules }, firstSyncAt: Date | null, parent: AbortSignal | null | undefined): Promise<BackfillPoint[] | null> {
  try {
    // Every flow, not only the trades: what is stored, and what this sync read but has not written yet.
    const stored = await loadAccountRecords(deps.pool, account.accountId, { spotFills: account.fills });
    const unified = c.accountMode === null ? stored.unified : c.accountMode === 'unified';
    const records = withImported({ ...stored, unified }, c.history ?? null);
    return await withDeadline(deps.deadlineMs, (signal) => reconstructHistory(client, { balances: c.balances, records, rules: account.rules, now: c.serverTime, firstSyncAt, books: account, signal }),
      () => new AppError('network', 'The daily prices did not arrive in time', 'The next sync tries again.', { transient: true }), parent);
  } catch (e) {
    // A cancel stops the sync itself, not just its history.
    throwIfAborted(parent);
    const error = classify(e);
    c.warnings.push(`The net value before the first sync was not reconstructed yet (${deps.redact(error.message)}); the next sync tries again.`);
    return null;
  }
}

/**
 * A pooled connection that answers, holding the account's advisory lock when it is
 * free. After the server restarted or terminated idle sessions, the pool may still hold
 * a dead connection that nobody noticed yet: then another is tried.
 */
async function lockAccount(pool: Pool, key: string): Promise<{ client: PoolClient; acquired: boolean }> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    try {
      // The lock query doubles as the check that the connection is alive.
      const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [key]);
      return { client, acquired: rows[0]?.ok === true };
    } catch (e) {
      client.release(true);
      // Every idle connection of the pool may be dead after a restart: try past them all.
      if (attempt >= 10) throw e;
    }
  }
}

function breakerMessage(b: BreakerInfo): string {
  const minutes = Math.max(1, Math.ceil((b.cooldownRemainingSeconds ?? 0) / 60));
  return `paused after ${b.consecutiveFailures} failed syncs in a row (last: ${b.lastErrorClass}); the next try is in ${minutes} min — sync with force to try now`;
}

function missingKey(account: AccountConfig): AppError {
  const p = envPrefix(account.exchangeId);
  return configError(`No API key is stored for ${account.exchangeId} account "${account.id}"`,
    account.id === 'default' ? `Set ${p}_API_KEY and ${p}_API_SECRET, or add the key in the app's Settings.` : "Add the key in the app's Settings.");
}

// Database failures arrive classified from the db layer's pool; exchange failures from
// the exchange client. Anything else is a bug.
function classify(e: unknown): AppError {
  if (e instanceof AppError) return e;
  return new AppError('internal', `Unexpected failure: ${e instanceof Error ? e.message : String(e)}`, 'Run the diagnostics; if it persists, report it with the diagnostics report.', { cause: e });
}
