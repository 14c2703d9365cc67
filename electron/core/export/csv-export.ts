import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { Pool } from 'pg';
import QueryStream from 'pg-query-stream';
import type { PortfolioItem } from '../../../shared/domain.js';
import { readPositions } from '../db/repositories/positions-repo.js';
import { readPortfolio } from '../db/repositories/read-repo.js';
import { exportPlan, HOLDINGS_HEADER, POSITIONS_HEADER, positionRow, type ExportQuery } from './export-kinds.js';

/** Rows fetched from the server per round trip: memory stays flat whatever the table size. */
const BATCH_ROWS = 1000;

/**
 * Writes one export as CSV (RFC 4180 via csv-stringify: a header row, fields quoted when
 * they need it, CRLF line ends) to `out`, which is left open. Rows stream from a server-side
 * cursor inside one read-only repeatable-read transaction, so an export that runs while a
 * sync commits sees one consistent state and 100,000 fills never sit in memory.
 * Returns the number of data rows.
 */
export async function writeCsv(pool: Pool, q: ExportQuery, out: NodeJS.WritableStream): Promise<number> {
  const client = await pool.connect();
  let rows = 0;
  const count = async function* (source: AsyncIterable<unknown[]>) {
    for await (const row of source) {
      rows += 1;
      yield row;
    }
  };
  // The destination stays open (it may be stdout); its back-pressure is respected, and its
  // failure (a full disk, a closed pipe) ends the export instead of going unheard.
  let outError: unknown = null;
  const onOutError = (e: unknown) => {
    outError ??= e;
  };
  out.on('error', onOutError);
  const sink = async function* (source: AsyncIterable<Buffer | string>) {
    for await (const chunk of source) {
      if (outError !== null) throw outError;
      if (!out.write(chunk)) await drained(out);
    }
    if (outError !== null) throw outError;
    yield* [];
  };
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    if (q.kind === 'holdings') {
      const items = (await readPortfolio(client)).items
        .filter((i) => q.account === null || (i.exchangeId === q.account.exchangeId && i.account === q.account.account));
      await pipeline(Readable.from(items.map(holdingRow)), count, csvOf(HOLDINGS_HEADER), sink);
    } else if (q.kind === 'positions') {
      const positions = (await readPositions(client))
        .filter((p) => q.account === null || (p.exchangeId === q.account.exchangeId && p.account === q.account.account));
      await pipeline(Readable.from(positions.map(positionRow)), count, csvOf(POSITIONS_HEADER), sink);
    } else {
      const plan = exportPlan(q);
      const source = client.query(new QueryStream(plan.sql, plan.params, { rowMode: 'array', batchSize: BATCH_ROWS }));
      await pipeline(source, count, csvOf(plan.header), sink);
    }
    await client.query('COMMIT');
    return rows;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    out.off('error', onOutError);
    client.release();
  }
}

/** Resolves when `out` can take more; rejects when it failed or closed instead. */
function drained(out: NodeJS.WritableStream): Promise<void> {
  const state = out as Partial<Writable>;
  if (state.destroyed || state.errored) return Promise.reject(state.errored ?? new Error('the output was closed'));
  return new Promise((resolve, reject) => {
    const done = (e?: unknown) => {
      out.off('drain', onDrain);
      out.off('error', onError);
      out.off('close', onClose);
      if (e === undefined) resolve();
      else reject(e);
    };
    const onDrain = () => done();
    const onError = (e: unknown) => done(e);
    const onClose = () => done(new Error('the output was closed'));
    out.on('drain', onDrain);
    out.on('error', onError);
    out.on('close', onClose);
  });
}

function csvOf(header: readonly string[]) {
  return stringify({ header: true, columns: [...header], record_delimiter: 'windows', cast: { boolean: (b) => (b ? 'true' : 'false') } });
}

function holdingRow(i: PortfolioItem): unknown[] {
  return [i.exchangeId, i.account, i.asset, i.quantity, i.currentPrice, i.value, i.avgEntryPrice, i.avgEntryPartial, i.profitLoss, i.profitLossPercentage,
    i.change24hPct, i.allocationPct, i.realisedPnl, i.realisedPnlPartial, i.feesPaid, i.feesPartial, JSON.stringify(i.wallets)];
}
