import type { SyncRunSummary } from '../../shared/api.js';
import type { AppStatus, DisplayCurrency, DisplayRates, FxRate, Portfolio, SyncRunRecord } from '../../shared/domain.js';
import { convertPortfolio, convertUsdt, describeRate, rateFor } from '../../shared/format/display-currency.js';
import { formatAmount, formatPercent, formatPrice, formatQuantity } from '../../shared/format/number-format.js';
import { partialCostNote } from '../../shared/format/partial-cost.js';
import { countOf } from '../../shared/format/plural.js';
import { Dec } from '../core/portfolio/decimal.js';

// The dashboard's rules, with thousands separators; one fixed locale so the text output
// reads the same on every machine (the JSON output stays exact).
const LOCALE = 'en-US';
const money = (s: string | null) => formatAmount(s, LOCALE);
const qty = (s: string | null) => formatQuantity(s, LOCALE);
const price = (s: string | null) => formatPrice(s, LOCALE);
const pct = (s: string | null) => formatPercent(s, LOCALE);

function table(header: string[], rows: string[][], rightAligned: Set<number>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/**
 * The portfolio in the display currency, with a line saying what rate converted it, or
 * that none is stored and the figures are USDT.
 */
export function formatPortfolio(stored: Portfolio, currency: DisplayCurrency = 'USDT'): string {
  if (stored.items.length === 0) return 'No holdings stored yet. Run `alphapulse-sync sync` first.';
  const { portfolio: p, rate, missingRate } = convertPortfolio(stored, currency);
  const rows = p.items.map((i) => [
    i.asset, `${i.exchangeId}/${i.account}`, qty(i.quantity), price(i.currentPrice), money(i.value),
    i.avgEntryPrice === null ? '—' : `${price(i.avgEntryPrice)}${i.avgEntryPartial ? '*' : ''}`, money(i.profitLoss), pct(i.profitLossPercentage),
  ]);
  const out = [table(['Asset', 'Account', 'Quantity', 'Price', 'Value', 'Avg entry', 'P&L', 'P&L %'], rows, new Set([2, 3, 4, 5, 6, 7]))];
  out.push('', `Total: ${money(p.totalValue)} ${p.quote}${p.unpricedAssets ? ` (${countOf(p.unpricedAssets, 'unpriced asset')} not counted)` : ''}, as of ${p.asOf ?? 'never'}`);
  if (!new Dec(p.unrealisedPnl).isZero()) out.push(`  = wallets ${money(p.walletValue)} + unrealised P&L of open positions ${money(p.unrealisedPnl)}`);
  if (p.trading) {
    const t = p.trading;
    out.push(`Realised P&L: ${money(t.realisedPnl)}${t.realisedPnlPartial ? '*' : ''} ${p.quote}; fees paid: ${money(t.feesPaid)}${t.feesPartial ? '*' : ''} ${p.quote} (spot trades)`);
    if (t.realisedPnlPartial || t.feesPartial) out.push('* known part only: some trades could not be valued (no price at the time, or more was sold than the history explains).');
  }
  if (p.items.some((i) => i.avgEntryPartial)) out.push(`* ${partialCostNote(p.trading?.depositCostBasis ?? null, 'cli')}`);
  const note = currencyNote(currency, rate, missingRate);
  if (note) out.push(note);
  return out.join('\n');
}

export function formatSyncSummary(s: SyncRunSummary): string {
  if (s.accounts.length === 0) return 'No exchange account is configured.';
  return s.accounts.map((a) => {
    const name = `${a.exchangeId}/${a.account}`;
    if (a.skipped && a.breaker.state === 'open') return `${name}: not synced — ${a.skipped}\n  → run \`alphapulse-sync sync --force\` to try once now`;
    if (a.skipped) return `${name}: skipped — ${a.skipped}`;
    if (!a.ok) return `${name}: FAILED [${a.error?.errorClass}] ${a.error?.message}\n  → ${a.error?.recommendation}`;
    const warn = a.warnings.map((w) => `\n  ! ${w}`).join('');
    return `${name}: synced (${a.requests} requests, ${a.fillsImported} new trades, value ${money(a.totalValue)} USDT)${warn}`;
  }).join('\n');
}

/** `rates`: the stored display rates, needed only when `currency` is not USDT. */
export function formatStatus(s: AppStatus, currency: DisplayCurrency = 'USDT', rates: DisplayRates = {}): string {
  const sched = s.scheduler.enabled ? `every ${s.scheduler.intervalMinutes} min` : 'scheduled sync off';
  const rate = rateFor(currency, rates);
  const total = rate === null ? s.totalValue : s.totalValue === null ? null : convertUsdt(s.totalValue, rate);
  const lines = [`Total value: ${money(total)} ${rate === null ? 'USDT' : currency} (as of ${s.asOf ?? 'never'})`, `Schedule: ${sched}`];
  const note = currencyNote(currency, rate, currency !== 'USDT' && rate === null ? currency : null);
  if (note) lines.push(note);
  if (s.accounts.length === 0) lines.push('No exchange account is configured (set BYBIT_API_KEY and BYBIT_API_SECRET).');
  for (const a of s.accounts) {
    const age = a.dataAgeSeconds === null ? 'no data yet' : `data ${Math.round(a.dataAgeSeconds / 60)} min old`;
    lines.push(`${a.exchangeId}/${a.account}${a.testnet ? ' (testnet)' : ''}: ${a.state}, ${age}`);
    if (a.breaker.state !== 'closed') lines.push(`  circuit breaker ${a.breaker.state} after ${a.breaker.consecutiveFailures} failures${a.breaker.cooldownRemainingSeconds ? `, next try in ${Math.ceil(a.breaker.cooldownRemainingSeconds / 60)} min` : ''}`);
    if (a.lastRun?.error) lines.push(`  last error [${a.lastRun.error.errorClass}] ${a.lastRun.error.message}`, `  → ${a.lastRun.error.recommendation}`);
    const off = a.unexplained ?? [];
    if (off.length > 0) lines.push(`  not explained by the imported history: ${off.map((u) => `${u.asset} ${u.quantity.startsWith('-') ? '' : '+'}${u.quantity}`).join(', ')} (\`diagnose\` names the likely cause)`);
  }
  return lines.join('\n');
}

/** What converted the money figures, or why they are still USDT; null for USDT asked. */
export function currencyNote(currency: DisplayCurrency, rate: FxRate | null, missing: DisplayCurrency | null): string | null {
  if (missing) return `No ${missing} rate is stored (the exchange lists no pair for it, or no sync has run since): figures are in USDT.`;
  if (currency === 'USDT' || rate === null) return null;
  return `Figures in ${currency}: ${describeRate(currency, rate, price)}, as of ${rate.at}.`;
}

export function formatHistory(runs: SyncRunRecord[]): string {
  if (runs.length === 0) return 'No sync has run yet.';
  return table(['Started (UTC)', 'Account', 'Result', 'Requests', 'New trades', 'Error'], runs.map((r) => [
    r.startTime.replace('T', ' ').slice(0, 19), `${r.exchangeId}/${r.account}`, r.success ? 'ok' : 'failed', String(r.requests ?? '—'),
    String(r.fillsImported ?? '—'), r.error ? `[${r.error.errorClass}] ${r.error.message}` : '',
  ]), new Set([3, 4]));
}

/** What `serve` tells a person at start (stderr): where the dashboard is, and what it does. */
export function formatServeBanner(s: {
  link: string;
  /** The non-loopback address the dashboard was bound to, or null. */
  exposedOn: string | null;
  accounts: number;
  schedule: { enabled: boolean; intervalMinutes: number; nextRunAt: string | null };
}): string {
  const lines: string[] = [];
  if (s.exposedOn) {
    lines.push(`warning: the dashboard listens on ${s.exposedOn}, so other computers can reach it. It is plain HTTP: the link's token and your portfolio cross the network unencrypted, and anyone with the link can read the portfolio and change settings.`);
  }
  lines.push(`alphapulse-sync: dashboard at ${s.link}`, '  (open it in a browser; the token in the link is the password: keep it private)');
  if (s.accounts === 0) lines.push('alphapulse-sync: no exchange account is configured yet: add one in the dashboard');
  lines.push(s.schedule.enabled
    ? `alphapulse-sync: syncing every ${s.schedule.intervalMinutes} min (next ${s.schedule.nextRunAt ?? 'now'}); Ctrl+C to stop`
    : 'alphapulse-sync: scheduled sync is off; waiting, Ctrl+C to stop');
  return `${lines.join('\n')}\n`;
}
