import { Writable } from 'node:stream';
import type { Pool } from 'pg';
import { searchKey } from '../../../shared/trades.js';
import { AppError } from '../errors.js';
import { writeCsv } from './csv-export.js';
import { resolveExportQuery, type ExportRequest } from './export-query.js';

/** A dashboard download is held in memory once (the browser saves it as a file): capped. */
export const MAX_EXPORT_TEXT_BYTES = 64 * 1024 * 1024;

/** One export as CSV text with a file name for the download, for the `export:csv` call. */
export async function exportCsvText(pool: Pool, req: ExportRequest, now: Date, maxBytes = MAX_EXPORT_TEXT_BYTES): Promise<{ fileName: string; rows: number; csv: string }> {
  const q = await resolveExportQuery(pool, req);
  const chunks: Buffer[] = [];
  let size = 0;
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) return done(new AppError('config', 'This export is too large to download from the dashboard', 'Narrow it with an account or a date range, or run `alphapulse-sync export` on this computer.'));
      chunks.push(chunk);
      done();
    },
  });
  const rows = await writeCsv(pool, q, sink);
  const t = q.trades;
  // The filter in the name, so two downloads of different selections do not look alike.
  const picked = t ? [searchKey(t.search).toLowerCase(), t.side, t.category].filter((x) => x) : [];
  const scope = `${q.account ? `-${q.account.exchangeId}-${q.account.account}` : ''}${picked.length ? `-${picked.join('-')}` : ''}`;
  return { fileName: `alphapulse-${q.kind}${scope}-${now.toISOString().slice(0, 10)}.csv`, rows, csv: Buffer.concat(chunks).toString('utf8') };
}
