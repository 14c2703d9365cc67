import fs from 'node:fs';
import { Writable } from 'node:stream';
import pino from 'pino';
import { createStream } from 'rotating-file-stream';
import type { Redactor } from '../redact.js';
import type { LogLevel } from '../config/env.js';
import { shortPath } from '../config/path-checks.js';

/** The logging surface the core depends on; tests pass {@link silentLogger} or a recorder. */
export interface Logger {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
  /** Flushes and closes files; safe to call twice. */
  close(): Promise<void>;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {}, close: async () => {} };

export interface LoggerOptions {
  logDir: string;
  level: LogLevel;
  redactor: Redactor;
  /** Where human-readable warnings go (the CLI's stderr); null for none. */
  console: NodeJS.WritableStream | null;
  consoleLevel?: LogLevel;
  /** Where log lines go when the log file cannot be written; default stderr. */
  fallback?: NodeJS.WritableStream;
  /** Opens the log file; tests inject one that fails. */
  openFile?: (logDir: string) => Writable;
}

export const LOG_FILE = 'alphapulse-sync.log';

const openRotatingFile = (logDir: string): Writable => createStream(LOG_FILE, { path: logDir, size: '10M', maxFiles: 5, mode: 0o600 });

/**
 * JSON lines in `<logDir>/alphapulse-sync.log`, rotated at 10 MB (5 kept), plus short
 * lines on the console. Every line is redacted as it is written, whatever it contains.
 * A log file that cannot be written (read-only disk, full disk, permissions) never stops
 * the program: its lines go to stderr instead, and it says so once.
 */
export function createLogger(opts: LoggerOptions): Logger {
  const fallback = opts.fallback ?? process.stderr;
  const state: { file: Writable | null; failed: boolean } = { file: null, failed: false };
  const fail = (e: unknown) => {
    if (state.failed) return;
    state.failed = true;
    const code = (e as NodeJS.ErrnoException | null)?.code ?? (e instanceof Error ? e.message : String(e));
    fallback.write(`warning: the log file in ${shortPath(opts.logDir)} cannot be written (${code}); logging to stderr instead\n`);
  };
  try {
    fs.mkdirSync(opts.logDir, { recursive: true, mode: 0o700 });
    const file = (opts.openFile ?? openRotatingFile)(opts.logDir);
    file.on('error', fail);
    state.file = file;
  } catch (e) {
    fail(e);
  }
  const safeFile = new Writable({
    write(chunk: Buffer, _enc, cb) {
      const line = opts.redactor.redact(chunk.toString('utf8'));
      if (state.failed || !state.file) {
        fallback.write(line);
        return cb();
      }
      // A failed write is reported through 'error'; this stream itself never fails.
      state.file.write(line, (err) => {
        if (err) {
          fail(err);
          fallback.write(line);
        }
        cb();
      });
    },
  });
  const streams: pino.StreamEntry[] = [{ level: opts.level, stream: safeFile }];
  const con = opts.console;
  if (con) {
    const pretty = new Writable({
      write(chunk: Buffer, _enc, cb) {
        const line = JSON.parse(chunk.toString('utf8')) as { level: number; msg: string };
        con.write(`${pino.levels.labels[line.level] ?? 'log'}: ${opts.redactor.redact(line.msg)}\n`);
        cb();
      },
    });
    streams.push({ level: opts.consoleLevel ?? 'warn', stream: pretty });
  }
  const base = pino({ level: lowest(opts.level, opts.consoleLevel ?? 'warn'), base: { pid: process.pid } }, pino.multistream(streams));
  let closed = false;
  const at = (level: LogLevel) => (msg: string, data?: Record<string, unknown>) => {
    if (!closed) base[level](data ?? {}, msg);
  };
  return {
    debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'),
    close: () => new Promise<void>((resolve) => {
      if (closed) return resolve();
      closed = true;
      safeFile.end(() => {
        const file = state.file;
        if (!file || state.failed || file.destroyed) return resolve();
        file.end(() => resolve());
      });
    }),
  };
}

const ORDER: LogLevel[] = ['debug', 'info', 'warn', 'error'];
function lowest(a: LogLevel, b: LogLevel): LogLevel {
  return ORDER[Math.min(ORDER.indexOf(a), ORDER.indexOf(b))] ?? 'info';
}

