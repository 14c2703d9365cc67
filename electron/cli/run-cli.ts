import { Command, CommanderError, InvalidArgumentError } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import { createCore, type Core } from '../core/core.js';
import { runHeadlessDiagnostics } from '../core/diagnostics/headless.js';
import { describeRuntime, formatDiagnosticLine, formatDiagnosticsText } from '../core/diagnostics/report-text.js';
import { AppError } from '../core/errors.js';
import { startDashboardServer } from '../core/transport/dashboard-server.js';
import { isLoopbackHost } from '../core/transport/request-guard.js';
import { dashboardLink, DEFAULT_SERVE_PORT, findRendererDist, resolveServeToken } from '../core/transport/serve-options.js';
import { registerExportCommand } from './export-command.js';
import { progressLines } from './progress-lines.js';
import { DISPLAY_CURRENCIES, type DisplayCurrency } from '../../shared/domain.js';
import { convertPortfolio } from '../../shared/format/display-currency.js';
import { formatHistory, formatPortfolio, formatServeBanner, formatStatus, formatSyncSummary } from './format.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface CliIo {
  env: Env;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /**
   * Resolves when the user asks the command to stop (SIGINT/SIGTERM), with the signal's
   * name: `serve` stops as it normally does, a one-off command is cancelled.
   */
  stopSignal: Promise<StopSignal | void>;
}

export type StopSignal = 'SIGINT' | 'SIGTERM';

/** Exit codes: 0 ok, 1 a sync or check failed, 2 usage or configuration; a one-off command stopped by a signal exits 128 + its number, as shells do. */
export const EXIT = { ok: 0, failed: 1, usage: 2, SIGINT: 130, SIGTERM: 143 } as const;

// The version users see is the package's: one place to change it.
const VERSION = packageJson.version;

/**
 * The `alphapulse-sync` command line. stdout carries only the command's output (pure
 * JSON with --json); warnings and errors go to stderr and the log file.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const out = (text: string) => io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  const json = (value: unknown) => out(JSON.stringify(value, null, 2));

  let stoppedBy: StopSignal | null = null;
  void io.stopSignal.then((s) => { stoppedBy = s ?? 'SIGTERM'; });

  // A stop signal cancels a running sync (rolled back, no request after it); the core's
  // close then stops the built-in database server if this process started it. A one-off
  // command exits 130 (INT) or 143 (TERM); `serve` treats the signal as its normal stop.
  const withCore = async (opts: { createDatabase?: boolean; stopIsNormal?: boolean }, fn: (core: Core) => Promise<number>) => {
    const core = await createCore({ env: io.env, console: io.stderr, createDatabase: opts.createDatabase === true });
    if (core.settingsRecovered) io.stderr.write(`warning: the settings file was invalid (${core.settingsRecovered.reason}); it was moved to ${core.settingsRecovered.movedTo} and defaults are in use\n`);
    void io.stopSignal.then((s) => core.sync.cancel(`stopped by ${s ?? 'SIGTERM'}`));
    try {
      // Stopped while starting (the database may take a while): do not begin the command.
      if (stoppedBy === null || opts.stopIsNormal) exitCode = await fn(core);
    } finally {
      await core.close({ cancelRunning: stoppedBy !== null, reason: `stopped by ${stoppedBy ?? 'a signal'}` });
    }
    if (stoppedBy !== null && !opts.stopIsNormal) exitCode = EXIT[stoppedBy];
  };

  const program = new Command('alphapulse-sync')
    .description('Sync your exchange portfolio into PostgreSQL (headless AlphaPulse Sync).')
    .version(VERSION)
    .option('--create-database', 'create the external database if it does not exist')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
  const global = () => program.opts<{ createDatabase?: boolean }>();

  program.command('sync').description('sync every configured account once, then print the portfolio')
    .option('--json', 'print the run summary as JSON')
    .option('--force', 'try accounts whose circuit breaker is open (paused after repeated failures)')
    .option(...CURRENCY_OPTION)
    .action((o: { json?: boolean; force?: boolean; currency?: DisplayCurrency }) => withCore(global(), async (core) => {
      if (core.config.accounts.length === 0) throw noAccounts();
      // stderr: stdout carries only the command's output.
      const off = core.events.on('sync:progress', progressLines((line) => io.stderr.write(`${line}\n`)));
      const summary = await core.invoke('sync:run', { trigger: 'cli', force: o.force === true }).finally(off);
      if (o.json) json(summary);
      else out(`${formatSyncSummary(summary)}\n\n${formatPortfolio(await core.invoke('portfolio:get'), await displayCurrency(core, o.currency))}`);
      return summary.ok ? EXIT.ok : EXIT.failed;
    }));

  program.command('status').description('last sync per account, data age and schedule')
    .option('--json', 'print JSON')
    .option(...CURRENCY_OPTION)
    .action((o: { json?: boolean; currency?: DisplayCurrency }) => withCore(global(), async (core) => {
      const status = await core.invoke('status:get');
      const currency = await displayCurrency(core, o.currency);
      if (o.json) json(status);
      else out(formatStatus(status, currency, status.rates));
      return status.accounts.some((a) => a.state === 'failed') ? EXIT.failed : EXIT.ok;
    }));

  program.command('portfolio').description('the stored portfolio: quantity, price, value, average entry, P&L')
    .option('--json', 'print JSON (decimals as strings, null where unknown)')
    .option(...CURRENCY_OPTION)
    .action((o: { json?: boolean; currency?: DisplayCurrency }) => withCore(global(), async (core) => {
      const stored = await core.invoke('portfolio:get');
      const currency = await displayCurrency(core, o.currency);
      // JSON in another currency says so (`quote`, `rates`); without a rate it stays USDT.
      if (o.json) json(convertPortfolio(stored, currency).portfolio);
      else out(formatPortfolio(stored, currency));
      return EXIT.ok;
    }));

  program.command('history').description('recent sync runs, newest first')
    .option('--limit <n>', 'how many runs (1-1000)', parseLimit, 20)
    .option('--json', 'print JSON')
    .action((o: { json?: boolean; limit: number }) => withCore(global(), async (core) => {
      const runs = await core.invoke('history:list', { limit: o.limit });
      if (o.json) json(runs);
      else out(formatHistory(runs));
      return EXIT.ok;
    }));

  registerExportCommand(program, (fn) => withCore(global(), fn), io.stdout);
  // Removal goes through the shared database: every machine using it stops counting the account.
  program.command('remove-account').description('remove an account (exchange/id, e.g. bybit/main) from the portfolio on every machine sharing the database')
    .argument('<account>', 'the account as exchange/id', parseAccountRef)
    .option('--delete-history', 'also delete its stored data (default: keep it hidden; saving the account again restores it)')
    .option('--json', 'print the result as JSON')
    .action((ref: { exchangeId: string; id: string }, o: { deleteHistory?: boolean; json?: boolean }) => withCore(global(), async (core) => {
      const result = await core.invoke('accounts:remove', { ...ref, history: o.deleteHistory ? 'delete' : 'keep' });
      if (o.json) json(result);
      else if (!result.removed) out(`${ref.exchangeId}/${ref.id}: no such active account here or in the database; nothing changed`);
      else out(`${ref.exchangeId}/${ref.id} removed: ${result.history === 'deleted' ? 'its stored data was deleted' : 'its stored data is kept hidden (save the account again to restore it)'}${result.keyDeleted ? '; its key was deleted from the keychain' : ''}`);
      return result.removed ? EXIT.ok : EXIT.failed;
    }));

  // Not through createCore: diagnose must also run, and say why, when the database cannot be opened.
  program.command('diagnose').description('check the database, keychain, settings and each account\'s connection, key and clock; say what is wrong and what to do')
    .option('--json', 'print the report as JSON')
    .action(async (o: { json?: boolean }) => {
      const live = !o.json && (io.stderr as { isTTY?: boolean }).isTTY === true;
      const { report, redact } = await runHeadlessDiagnostics({
        env: io.env, console: io.stderr,
        ...(live ? { onResult: (c) => io.stderr.write(`${formatDiagnosticLine(c)}\n`) } : {}),
      });
      if (o.json) json(report);
      else out(formatDiagnosticsText(report, describeRuntime(VERSION), redact));
      exitCode = report.ok ? EXIT.ok : EXIT.failed;
    });

  // The dashboard (HTTP + WebSocket) and the scheduler; accounts may be added in the dashboard.
  program.command('serve').description('keep syncing on the schedule and serve the dashboard on http://127.0.0.1 until stopped (Ctrl+C)')
    .option('--port <n>', 'dashboard port (0: any free port)', parsePort, DEFAULT_SERVE_PORT)
    .option('--host <address>', 'address to listen on; anything but loopback exposes the dashboard to the network', '127.0.0.1')
    .action((o: { port: number; host: string }) => {
      const token = resolveServeToken(io.env);
      return withCore({ ...global(), stopIsNormal: true }, async (core) => {
        core.redactor.addSecret(token);
        // A run with no account has nothing to report: the banner below already says none is configured.
        core.events.on('sync:finished', (s) => { if (s.accounts.length > 0) io.stderr.write(`${new Date().toISOString()} ${formatSyncSummary(s)}\n`); });
        const dashboard = await startDashboardServer({
          host: o.host, port: o.port, token, staticRoot: findRendererDist(), handlers: core.api, events: core.events,
          redact: (s) => core.redactor.redact(s), log: core.log,
        });
        try {
          await core.scheduler.start();
          const status = core.scheduler.status();
          io.stderr.write(formatServeBanner({
            link: dashboardLink(dashboard.url, token), exposedOn: isLoopbackHost(o.host) ? null : o.host, accounts: core.config.accounts.length,
            schedule: { enabled: status.enabled, intervalMinutes: status.intervalMinutes, nextRunAt: status.nextRunAt?.toISOString() ?? null },
          }));
          await io.stopSignal;
          io.stderr.write('alphapulse-sync: stopping (a running sync is cancelled and rolled back)\n');
        } finally {
          await dashboard.close();
        }
        return EXIT.ok;
      });
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    return reportError(e, io.stderr);
  }
}

const CURRENCY_OPTION = ['--currency <code>', `show money in ${DISPLAY_CURRENCIES.join(', ')} at the exchange's own rate (default: the displayCurrency setting)`, parseCurrency] as const;

function parseCurrency(value: string): DisplayCurrency {
  const code = value.trim().toUpperCase();
  const known = DISPLAY_CURRENCIES.find((c) => c === code);
  if (!known) throw new InvalidArgumentError(`one of ${DISPLAY_CURRENCIES.join(', ')}`);
  return known;
}

/** The flag wins over the setting. */
async function displayCurrency(core: Core, flag: DisplayCurrency | undefined): Promise<DisplayCurrency> {
  return flag ?? (await core.invoke('settings:get')).displayCurrency;
}

function parseLimit(value: string): number {
  const n = /^\d+$/.test(value) ? Number.parseInt(value, 10) : Number.NaN;
  if (!(n >= 1 && n <= 1000)) throw new InvalidArgumentError('a whole number from 1 to 1000');
  return n;
}

function parseAccountRef(value: string): { exchangeId: string; id: string } {
  const m = /^([a-z][a-z0-9]{1,31})\/([A-Za-z0-9][A-Za-z0-9_.-]{0,63})$/.exec(value.trim());
  if (!m) throw new InvalidArgumentError('exchange/id, e.g. bybit/default');
  return { exchangeId: m[1]!, id: m[2]! };
}

function parsePort(value: string): number {
  const n = /^\d+$/.test(value) ? Number.parseInt(value, 10) : Number.NaN;
  if (!(n >= 0 && n <= 65535)) throw new InvalidArgumentError('a port number from 0 to 65535 (0: any free port)');
  return n;
}

function noAccounts(): AppError {
  return new AppError('config', 'No exchange account is configured', 'Set BYBIT_API_KEY and BYBIT_API_SECRET (a read-only key), or add an account in the desktop app.');
}

function reportError(e: unknown, stderr: NodeJS.WritableStream): number {
  if (e instanceof CommanderError) {
    // Help and version are not errors; commander already printed them.
    return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (e instanceof AppError) {
    stderr.write(`error [${e.errorClass}]: ${e.message}\n  → ${e.recommendation}\n`);
    return e.errorClass === 'config' ? EXIT.usage : EXIT.failed;
  }
  stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n  → Run with EXCHANGE_SYNC_LOG_LEVEL=DEBUG and see the log file for details.\n`);
  return EXIT.failed;
}
