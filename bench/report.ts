import os from 'node:os';
import type { DbFigures } from './db-figures.js';
import type { MoneyFigures } from './money-figures.js';
import type { SyncFigures } from './sync-figures.js';
import type { ColdFloor } from './cold-floor.js';
import type { RendererFigures } from './renderer-figures.js';

/**
 * Kinds of data a warm sync of the bench account reads, one request each: prices, Unified
 * and Funding wallets, two Earn categories, spot trades, linear and inverse positions, and
 * the ten history kinds (derivative trades and closed P&L of each category, transaction
 * log, deposits, withdrawals, two transfer lists, converts).
 */
const WARM_KINDS = 18;

export interface BenchResults {
  latencyMs: number;
  sync: SyncFigures;
  db: DbFigures;
  old: { ms: number; requests: number };
  cli: { ms: number };
  serve: { rssMb: number };
  renderer: RendererFigures;
  money: MoneyFigures;
}

interface Row { figure: string; measured: string; target: string; floor: string; ok: boolean }

const ms = (n: number) => `${Math.round(n)} ms`;

function slowestText(f: ColdFloor): string {
  const e = f.endpoints.find((x) => x.path === f.slowest);
  return e === undefined ? 'no history' : `${e.needed} requests to \`${e.path}\` at ${e.perSecond}/s`;
}

function endpointTable(f: ColdFloor): string {
  return f.endpoints.map((e) => `| \`${e.path}\` | ${e.sent} | ${e.needed} | ${e.refused} | ${e.perSecond}/s | ${ms(e.paceMs)} |`).join('\n');
}

function rows(r: BenchResults): Row[] {
  const { sync, db } = r;
  return [
    // One per kind that can change: prices, Unified wallet, Funding wallet, Earn Flexible Saving and On-chain, trades, linear and inverse positions.
    { figure: 'requests in a warm sync (nothing new)', measured: String(sync.warm.requests), target: `≤ ${WARM_KINDS} (one per kind)`, floor: '—', ok: sync.warm.requests <= WARM_KINDS },
    { figure: 'warm sync wall time', measured: ms(sync.warm.ms), target: `≤ 1.5 × floor = ${ms(1.5 * sync.warm.floorMs)}`, floor: `${ms(sync.warm.floorMs)} (1 round trip: every read at once)`, ok: sync.warm.ms <= 1.5 * sync.warm.floorMs },
    { figure: 'cold first sync: requests', measured: String(sync.cold.requests), target: `≤ needed + 10% = ${Math.floor(1.1 * sync.cold.floor.needed)}`, floor: `${sync.cold.floor.needed} needed (two years of windows per endpoint and category, the extra pages the data forced, the one-off reads)`, ok: sync.cold.requests <= 1.1 * sync.cold.floor.needed },
    { figure: 'cold first sync wall time', measured: ms(sync.cold.ms), target: `≤ 1.5 × floor = ${ms(1.5 * sync.cold.floor.floorMs)}`, floor: `${ms(sync.cold.floor.floorMs)} (${slowestText(sync.cold.floor)}, then the price history, + 3 round trips)`, ok: sync.cold.ms <= 1.5 * sync.cold.floor.floorMs },
    { figure: `snapshot write, ${db.assets} assets (whole sync transaction)`, measured: ms(db.snapshotWriteMs), target: '≤ 50 ms', floor: '—', ok: db.snapshotWriteMs <= 50 },
    { figure: `net-value history, 1 year (${db.snapshotsInYear} snapshots → ${db.netValuePoints} points)`, measured: ms(db.netValueMs), target: '≤ 50 ms', floor: '—', ok: db.netValueMs <= 50 },
    { figure: `cost basis + realised P&L + fees over ${r.money.fills.toLocaleString('en')} fills`, measured: ms(r.money.costBooksMs), target: '≤ 500 ms', floor: '—', ok: r.money.costBooksMs <= 500 },
    { figure: `backfilled net value, compute (${r.money.backfillDays} days × ${r.money.backfillAssets} assets)`, measured: ms(r.money.backfillMs), target: '≤ 300 ms', floor: '—', ok: r.money.backfillMs <= 300 },
    { figure: 'backfilled net value, daily-kline requests of the cold sync', measured: String(sync.cold.dailyKlines), target: '≤ 45', floor: 'one per priced asset', ok: sync.cold.dailyKlines <= 45 },
    { figure: `CSV export of ${r.money.exportRows.toLocaleString('en')} fills (to a file)`, measured: ms(r.money.exportMs), target: '≤ 2000 ms', floor: '—', ok: r.money.exportMs <= 2000 },
    { figure: 'CSV export: RSS growth while it runs', measured: `${r.money.exportRssGrowthMb.toFixed(1)} MB`, target: '≤ 30 MB', floor: '—', ok: r.money.exportRssGrowthMb <= 30 },
    { figure: 'CLI start to ready (embedded DB initialised, not running)', measured: ms(r.cli.ms), target: '≤ 1500 ms', floor: '—', ok: r.cli.ms <= 1500 },
    { figure: 'idle RSS of `serve` after a sync', measured: `${r.serve.rssMb.toFixed(0)} MB`, target: '≤ 150 MB', floor: '—', ok: r.serve.rssMb <= 150 },
  ];
}

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()} (${os.arch()}), Node ${process.version}`;
}

/** The console table and BENCHMARKS.md. */
export function renderReport(r: BenchResults): { console: string; markdown: string } {
  const table = rows(r);
  const ratioTime = r.old.ms / r.sync.warm.ms;
  const ratioReq = r.old.requests / r.sync.warm.requests;
  const consoleText = [
    ...table.map((t) => `${t.ok ? 'PASS' : 'MISS'}  ${t.figure}: ${t.measured}  (target ${t.target}; floor ${t.floor})`),
    `dashboard: first paint ${ms(r.renderer.firstPaintMs)}; ${r.renderer.rows} rows rendered in ${ms(r.renderer.portfolioMs)}, re-sorted in ${ms(r.renderer.sortMs)}; 1-year chart in ${ms(r.renderer.historyMs)}`,
    `trades screen, ${r.renderer.trades.fills} fills: open ${ms(r.renderer.trades.openMs)} (≤ 500 ms), filter ${ms(r.renderer.trades.filterMs)} (≤ 150 ms), sort ${ms(r.renderer.trades.sortMs)} (≤ 150 ms)`,
    `old module pattern: ${r.old.requests} requests, ${ms(r.old.ms)} — ${ratioReq.toFixed(1)}× the requests and ${ratioTime.toFixed(1)}× the time of a warm sync`,
  ].join('\n');
  const md = `# Benchmarks

Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}.
Machine: ${machine()}.

Scenario: the fake Bybit V5 server, in its own process on loopback, with ${r.latencyMs} ms added to every request and
Bybit's published per-endpoint rate limits enforced; one UTA account holding ${r.db.assets} assets across UNIFIED, FUND and Earn (Flexible Saving, On-chain),
2,000 spot fills spread over 400 days, 5 linear and 2 inverse positions; a year of 30-minute snapshots for the history query.
The built-in PostgreSQL server in a fresh data folder.

| figure | measured | target | floor | |
| --- | --- | --- | --- | --- |
${table.map((t) => `| ${t.figure} | ${t.measured} | ${t.target} | ${t.floor} | ${t.ok ? 'met' : '**missed**'} |`).join('\n')}

Requests of the warm sync: ${Object.entries(r.sync.warm.byPath).map(([p, n]) => `${p} × ${n}`).join(', ')}.
Requests of the cold sync: ${Object.entries(r.sync.cold.byPath).map(([p, n]) => `${p} × ${n}`).join(', ')}.

## The dashboard in Chromium

\`serve\` on the same database, Debian's Chromium driven by playwright-core; medians of 5.

| figure | measured |
| --- | --- |
| first paint: navigation to the first contentful paint (the app shell; Chromium's mark) | ${ms(r.renderer.firstPaintMs)} |
| portfolio screen with ${r.renderer.rows} rows: navigation to rendered table and total | ${ms(r.renderer.portfolioMs)} |
| re-sort that table (click a column header) | ${ms(r.renderer.sortMs)} |
| history screen, 1 year (500 points): click to drawn chart | ${ms(r.renderer.historyMs)} |
| trades screen, ${r.renderer.trades.fills} fills: click on "Trades" to the first rows and the count (target ≤ 500 ms) | ${ms(r.renderer.trades.openMs)} |
| filter it: type an asset to its rows and count (target ≤ 150 ms) | ${ms(r.renderer.trades.filterMs)} |
| sort it: click "Price" to the highest price in the first row (target ≤ 150 ms) | ${ms(r.renderer.trades.sortMs)} |

## Against the old module's pattern

Measured in the same run, same fake, same latency: ccxt \`loadMarkets\` + \`fetchBalance\`, then one ticker and one
trade-history call per asset in turn, and one database connection per row written.

| | requests | wall time |
| --- | --- | --- |
| old module pattern | ${r.old.requests} | ${ms(r.old.ms)} |
| warm sync | ${r.sync.warm.requests} | ${ms(r.sync.warm.ms)} |
| ratio | ${ratioReq.toFixed(1)}× | ${ratioTime.toFixed(1)}× |

## Notes

- Warm sync: the floor counts the injected latency only. The fake itself takes a little longer per
  answer: its slowest answer in a warm sync took ${ms(r.sync.warm.slowestAnswerMs)} at the server (latency included). Against that
  real answer time the sync adds ${ms(r.sync.warm.ms - r.sync.warm.slowestAnswerMs)}: the account lock and breaker check, valuation,
  and one committed transaction (fsync). Every read already goes out at once, so what remains is
  that fixed local cost; when it exceeds half the latency the 1.5 × target is missed by that margin.

- The cold sync runs against Bybit's published per-UID limits of the history lists (the
  inter-transfer list allows 1 request a second, the universal-transfer list 2, deposits and
  withdrawals 5, closed P&L 10, the transaction log 30; trades 50). Its floor is the slowest
  endpoint at its own rate, every endpoint running in parallel:

| endpoint | sent | needed | refused (10006) | limit | pace of the needed requests |
| --- | --- | --- | --- | --- | --- |
${endpointTable(r.sync.cold.floor)}

- Wall times are medians of several runs (7 warm syncs, 25 writes and queries, 7 CLI starts), except the cold sync (one run).
`;
  return { console: consoleText, markdown: md };
}
