import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../electron/core/core.js';
import { createOkxServer, OKX_READ_ONLY_KEY, okxBenchScenario } from '../test/fake-okx/index.js';
import { median, timeMs } from './stats.js';

const FILLS = 2000;
/** OKX allows trade/fills-history 10 times per 2 s per key; the client paces it at that rate. */
const FILLS_PER_SECOND = 5;

export interface OkxFigures {
  latencyMs: number;
  fills: number;
  cold: { ms: number; requests: number; floorMs: number; byPath: Record<string, number> };
  warm: { ms: number; requests: number; floorMs: number; byPath: Record<string, number> };
}

const countByPath = (requests: ReadonlyArray<{ path: string; query: Record<string, string> }>) => {
  const out: Record<string, number> = {};
  for (const r of requests) {
    const key = `${r.path}${r.query.instType ? `?${r.query.instType}` : ''}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
};

/**
 * Cold and warm syncs of one OKX account (the bench scenario: 2,000 spot fills over three
 * months) against the fake OKX with `latencyMs` added to every answer, on the built-in
 * PostgreSQL server. Floors: cold = the clock and the key details, then every
 * fills-history request (spot pages and the three derivative types) at OKX's rate for that
 * endpoint, plus a round trip; warm = one round trip, every read at once.
 */
export async function measureOkx(latencyMs: number): Promise<OkxFigures> {
  const server = await createOkxServer({ scenario: okxBenchScenario(FILLS), latencyMs });
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'alphapulse-bench-okx-'));
  const k = OKX_READ_ONLY_KEY;
  const core = await createCore({ env: {
    DATA_DIR: dataDir, EXCHANGE_SYNC_EXCHANGES: 'okx', OKX_API_KEY: k.apiKey, OKX_API_SECRET: k.secret, OKX_API_PASSWORD: k.passphrase,
    OKX_API_URL: server.url, EXCHANGE_SYNC_LOG_LEVEL: 'WARNING',
  } });
  try {
    const visible = server.scenario.fills.filter((f) => f.instType === 'SPOT' && f.ts > server.now() - 90 * 86_400_000).length;
    server.clearRequests();
    const cold = await timeMs(() => core.sync.syncAll('bench'));
    if (!cold.value.ok) throw new Error(`OKX cold sync failed: ${JSON.stringify(cold.value.accounts[0]?.error)}`);
    const coldByPath = countByPath(server.requests);
    const coldRequests = server.requests.length;
    const fillRequests = server.requests.filter((r) => r.path === '/api/v5/trade/fills-history').length;
    const warmTimes: number[] = [];
    let warmByPath: Record<string, number> = {};
    let warmRequests = 0;
    for (let i = 0; i < 7; i++) {
      // Syncs are minutes apart in real use; a pause longer than OKX's two-second limit
      // windows (and the gates' 250 ms to spare) keeps runs from queueing behind the gates.
      await new Promise((r) => setTimeout(r, 2500));
      server.clearRequests();
      const warm = await timeMs(() => core.sync.syncAll('bench'));
      if (!warm.value.ok) throw new Error('OKX warm sync failed');
      warmTimes.push(warm.ms);
      warmByPath = countByPath(server.requests);
      warmRequests = server.requests.length;
    }
    return {
      latencyMs, fills: visible,
      cold: { ms: cold.ms, requests: coldRequests, floorMs: 3 * latencyMs + ((fillRequests - 1) / FILLS_PER_SECOND) * 1000, byPath: coldByPath },
      warm: { ms: median(warmTimes), requests: warmRequests, floorMs: latencyMs, byPath: warmByPath },
    };
  } finally {
    await core.close();
    await server.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

const ms = (n: number) => `${Math.round(n)} ms`;
const list = (byPath: Record<string, number>) => Object.entries(byPath).map(([p, n]) => `${p} × ${n}`).join(', ');

/** The OKX section of BENCHMARKS.md. */
export function renderOkxSection(f: OkxFigures): string {
  const met = (ok: boolean) => (ok ? 'met' : '**missed**');
  return [
    '## OKX (the fake OKX V5, in process)',
    '',
    `One OKX account: the fake's small scenario plus ${f.fills.toLocaleString('en')} spot fills within fills-history's three months, ${f.latencyMs} ms added to every answer; the built-in PostgreSQL server.`,
    '',
    '| figure | measured | target | floor | |',
    '| --- | --- | --- | --- | --- |',
    `| requests in a warm sync (nothing new) | ${f.warm.requests} | ≤ 14 (one per kind) | — | ${met(f.warm.requests <= 14)} |`,
    `| warm sync wall time | ${ms(f.warm.ms)} | ≤ 1.5 × floor = ${ms(1.5 * f.warm.floorMs)} | ${ms(f.warm.floorMs)} (1 round trip) | ${met(f.warm.ms <= 1.5 * f.warm.floorMs)} |`,
    `| cold first sync: requests | ${f.cold.requests} | — | — | |`,
    `| cold first sync wall time | ${ms(f.cold.ms)} | ≤ 1.5 × floor = ${ms(1.5 * f.cold.floorMs)} | ${ms(f.cold.floorMs)} (clock, key details, then fills-history at OKX's 5/s) | ${met(f.cold.ms <= 1.5 * f.cold.floorMs)} |`,
    '',
    `Requests of the warm sync: ${list(f.warm.byPath)}.`,
    `Requests of the cold sync: ${list(f.cold.byPath)}.`,
    '',
    'The fake runs in the measuring process (unlike the Bybit figures above), so its own work is part of the times.',
  ].join('\n');
}

const MARK = '<!-- okx-bench -->';

/** BENCHMARKS.md with the OKX section put in (replacing an earlier one). */
export function withOkxSection(markdown: string, f: OkxFigures): string {
  const at = markdown.indexOf(MARK);
  const head = at < 0 ? `${markdown.trimEnd()}\n\n` : markdown.slice(0, at);
  return `${head}${MARK}\n${renderOkxSection(f)}\n`;
}
