import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');
const bin = path.join(root, 'bin', 'alphapulse-sync.js');

/** `alphapulse-sync serve` running as a real child process. */
export interface ServeProcess {
  /** The link printed on stderr, e.g. http://127.0.0.1:41234/#token=… */
  link: string;
  /** The server part of the link, without the token. */
  origin: string;
  token: string;
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** SIGTERM (to this child's PID only), then waits for it to exit; resolves with the exit code. */
  stop(): Promise<number | null>;
}

// Variables of the developer's shell that would configure the app behind the test's back.
const OWN = /^(BYBIT_|OKX_|EXCHANGE_SYNC_|DB_|DATABASE_URL$|DATA_DIR$|ALPHAPULSE_SERVE_TOKEN$)/;

/**
 * Starts `node bin/alphapulse-sync.js serve --port 0` with `env` on top of this process's
 * environment (which carries the test keyring's D-Bus session), and waits for the link.
 */
export function startServe(env: Record<string, string>, args: string[] = ['--port', '0']): Promise<ServeProcess> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !OWN.test(k)));
  const child = spawn(process.execPath, [bin, 'serve', ...args], { env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve printed no link within 60 s:\n${err}`));
    }, 60_000);
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
      const m = /dashboard at (http:\/\/[^\s#]+)#token=(\S+)/.exec(err);
      if (!m) return;
      clearTimeout(timer);
      resolve({
        link: `${m[1]}#token=${m[2]}`, origin: m[1]!, token: m[2]!, child,
        stdout: () => out, stderr: () => err,
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
      reject(new Error(`serve exited with ${code} before printing its link:\n${err}`));
    });
  });
}
