import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { LoggedRequest } from './cold-floor.js';

const root = path.resolve(import.meta.dirname, '..');

/** The request log of a fake Bybit running in another process, read over its control endpoint. */
export interface RemoteFake {
  url: string;
  clearRequests(): Promise<void>;
  requestCounts(): Promise<Record<string, number>>;
  /** How long the fake took to answer each logged request (latency included), ms. */
  answerTimes(): Promise<number[]>;
  /** Every logged request since the log was cleared. */
  requests(): Promise<LoggedRequest[]>;
  /** Kline requests of one interval ('1', 'D', …) since the log was cleared. */
  countKlines(interval: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * Starts the bundled fake (dist/fake-bybit.js) as its own process, so its work (filtering
 * 2,000 fills per history request) runs on the other core as a real exchange's would,
 * instead of in the measured process's event loop.
 */
export async function startRemoteFake(env: Record<string, string>): Promise<RemoteFake> {
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'dist', 'fake-bybit.js')], {
    env: { ...process.env, FAKE_BYBIT_PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`fake Bybit exited (${code}) before listening`)));
  });
  const control = (method: string, p: string) => fetch(`${url}/__control/${p}`, { method });
  return {
    url,
    async clearRequests() {
      await control('DELETE', 'requests');
    },
    async requestCounts() {
      const body = (await (await control('GET', 'requests')).json()) as { counts: Record<string, number> };
      return body.counts;
    },
    async answerTimes() {
      const body = (await (await control('GET', 'requests')).json()) as { requests: Array<{ startedAt: number; finishedAt: number | null }> };
      return body.requests.filter((r) => r.finishedAt !== null).map((r) => r.finishedAt! - r.startedAt);
    },
    async requests() {
      const body = (await (await control('GET', 'requests')).json()) as { requests: LoggedRequest[] };
      return body.requests;
    },
    async countKlines(interval) {
      const body = (await (await control('GET', 'requests')).json()) as { requests: Array<{ path: string; query: Record<string, string> }> };
      return body.requests.filter((r) => r.path === '/v5/market/kline' && r.query.interval === interval).length;
    },
    close: () => new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
