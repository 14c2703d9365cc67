import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { Core } from '../core/core.js';
import { configError } from '../core/errors.js';
import { writeCsv } from '../core/export/csv-export.js';
import { EXPORT_KINDS, type ExportQuery } from '../core/export/export-kinds.js';
import { resolveExportQuery } from '../core/export/export-query.js';

interface ExportOptions { account?: string; from?: string; to?: string; out?: string }

/** `alphapulse-sync export <kind>`: CSV to stdout, or to a file that appears only when complete. */
export function registerExportCommand(program: Command, withCore: (fn: (core: Core) => Promise<number>) => Promise<void>, stdout: NodeJS.WritableStream): void {
  program.command('export').description('write holdings, positions, trades, cash flows, net value or realised P&L as CSV (RFC 4180, UTC times, exact decimals)')
    .argument('<kind>', EXPORT_KINDS.join(' | '))
    .option('--account <account>', 'one account: "exchange:account" or the account id (default: all)')
    .option('--from <date>', 'from this date or time, UTC (e.g. 2026-01-01)')
    .option('--to <date>', 'up to this date (that whole day) or time, UTC')
    .option('--out <file>', 'write to FILE instead of stdout (created only when the export is complete)')
    .action((kind: string, o: ExportOptions) => withCore(async (core) => {
      const q = await resolveExportQuery(core.db.pool, { kind, account: o.account ?? null, from: o.from ?? null, to: o.to ?? null });
      if (o.out === undefined) await writeCsv(core.db.pool, q, stdout);
      else await exportToFile(core, q, o.out);
      return 0;
    }));
}

/**
 * Writes next to the target under a temporary name and renames it at the end: a failed
 * or interrupted export never leaves a partial file, nor replaces a good one.
 */
async function exportToFile(core: Core, q: ExportQuery, file: string): Promise<void> {
  const target = path.resolve(file);
  const shown = file.length > 80 ? `…${file.slice(-79)}` : file;
  const refuse = (why: string) => configError(`--out "${shown}" cannot be written: ${why}`, 'Give a file path in a folder you can write to.');
  const existing = await fs.stat(target).catch(() => null);
  if (existing?.isDirectory()) throw refuse('it is a folder');
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.partial`);
  const stream = createWriteStream(temp, { flags: 'wx', mode: 0o600 });
  try {
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', (e: NodeJS.ErrnoException) => reject(refuse(describeFsError(e))));
    });
    const failed = new Promise<never>((_, reject) => stream.once('error', (e: NodeJS.ErrnoException) => reject(refuse(describeFsError(e)))));
    failed.catch(() => undefined);
    await Promise.race([writeCsv(core.db.pool, q, stream), failed]);
    await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
    await fs.rename(temp, target);
  } catch (e) {
    stream.destroy();
    await fs.rm(temp, { force: true });
    throw e;
  }
}

function describeFsError(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOENT': return 'its folder does not exist';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EROFS': return 'the file system is read-only';
    case 'ENOSPC': return 'the disk is full';
    case 'ENOTDIR': return 'a part of the path is not a folder';
    default: return e.code ?? 'unknown error';
  }
}
