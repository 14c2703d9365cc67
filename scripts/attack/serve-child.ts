import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
/**
 * The CLI users run; it starts the bundle built into dist/. ATTACK_CLI_ROOT points the run
 * at another copy of the project (an older build, to see the rows break there).
 */
export const CLI_BIN = path.join(process.env.ATTACK_CLI_ROOT ?? root, 'bin', 'alphapulse-sync.js');

/** `alphapulse-sync serve` as a child process of this script. */
export interface ServeChild {
  origin: string;
  port: number;
  token: string;
  pid: number;
  stderr(): string;
  stop(): Promise<number | null>;
}

// The caller's own configuration must not leak into the run.
const OWN = /^(BYBIT_|EXCHANGE_SYNC_|DB_|DATABASE_URL$|DATA_DIR$|ALPHAPULSE_SERVE_TOKEN$)/;

export function baseEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && !OWN.test(e[0])));
}

/** Starts serve on a free loopback port and waits (at most `timeoutMs`) for its link. */
export function startServe(env: Record<string, string>, timeoutMs = 90_000): Promise<ServeChild> {
  const child = spawn(process.execPath, [CLI_BIN, 'serve', '--port', '0'], { env: { ...baseEnv(), ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve printed no link in time:\n${err}`));
    }, timeoutMs);
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
      const m = /dashboard at (http:\/\/[^\s#]+)#token=(\S+)/.exec(err);
      if (!m) return;
      clearTimeout(timer);
      resolve({
        origin: m[1]!, port: Number(new URL(m[1]!).port), token: m[2]!, pid: child.pid!, stderr: () => err,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
          const code = await exited;
          clearTimeout(killer);
          return code;
        },
      });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${err}`));
    });
  });
}

/** One CLI run with only `env` (plus PATH and HOME), bounded in time. */
export function runCli(args: string[], env: Record<string, string>, timeoutMs = 30_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
