import { describe, expect, it } from 'vitest';
import type { SyncRunSummary } from '../../../shared/api.js';
import type { BreakerInfo } from '../../../shared/domain.js';
import { humanText, sentence } from '../../../renderer/src/format/copy.js';
import { breakerText, cardRecommendation, skippedText, summaryHeadline } from '../../../renderer/src/screens/sync/sync-model.js';

const OPEN: BreakerInfo = { state: 'open', consecutiveFailures: 3, cooldownRemainingSeconds: 594, lastErrorClass: 'network' };
const CLOSED: BreakerInfo = { state: 'closed', consecutiveFailures: 0, cooldownRemainingSeconds: null, lastErrorClass: null };
type Row = SyncRunSummary['accounts'][number];
const row = (over: Partial<Row>): Row => ({
  exchangeId: 'bybit', account: 'main', ok: true, skipped: null, error: null, warnings: [], requests: 5, fillsImported: 0, totalValue: '1', breaker: CLOSED, ...over,
});
const summary = (accounts: Row[]): SyncRunSummary => ({ startedAt: '', finishedAt: '', ok: accounts.every((a) => a.ok), accounts });

describe('the circuit breaker in the window\'s own words', () => {
  it('never says "0 of 1 accounts failed" when the only account was paused', () => {
    const paused = row({ ok: false, skipped: 'circuit breaker open: sync with force', breaker: OPEN });
    expect(summaryHeadline(summary([paused]))).toEqual({ tone: 'warn', text: 'Not synced: the account is paused' });
    expect(summaryHeadline(summary([paused, row({})]))).toEqual({ tone: 'warn', text: '✓ Sync finished; 1 account left out' });
    expect(summaryHeadline(summary([row({ ok: false, error: { errorClass: 'auth', message: 'x', recommendation: 'y' } }), row({})]))).toEqual({ tone: 'error', text: '✕ 1 of 2 accounts failed' });
    expect(summaryHeadline(summary([row({ ok: false })]))).toEqual({ tone: 'error', text: '✕ The sync failed' });
    expect(summaryHeadline(summary([row({})]))).toEqual({ tone: 'ok', text: '✓ Sync finished' });
  });

  it('uses no CLI wording for a paused account', () => {
    const text = skippedText(row({ ok: false, skipped: 'the circuit breaker is open: sync with force to try now', breaker: OPEN }));
    expect(text).not.toMatch(/force/);
    expect(text).toContain('Try now');
    expect(skippedText(row({ ok: false, skipped: 'another AlphaPulse Sync process is syncing this account right now' }))).toContain('another');
  });

  it('says one thing per state, and no "the next sync tries again" while paused', () => {
    expect(breakerText(CLOSED)).toBe('Healthy');
    expect(breakerText({ ...CLOSED, consecutiveFailures: 1 })).toBe('1 failed sync in a row');
    expect(breakerText({ ...CLOSED, consecutiveFailures: 2 })).toBe('2 failed syncs in a row');
    expect(breakerText(OPEN)).toBe('Paused after 3 failed syncs in a row: scheduled syncs skip this account');
    const network = { errorClass: 'network' as const, recommendation: 'Check the internet connection, proxy or VPN; the next sync tries again.' };
    expect(cardRecommendation(OPEN, network)).toBeNull();
    expect(cardRecommendation(CLOSED, network)).toBe(network.recommendation);
    // Advice that still applies during the pause stays.
    expect(cardRecommendation(OPEN, { errorClass: 'auth', recommendation: 'Check the API key.' })).toBe('Check the API key.');
  });
});

describe('messages as sentences', () => {
  it('shows a human phrase where the core masked a secret, and ends each sentence', () => {
    expect(humanText('the key [redacted] was refused')).toBe('the key (hidden) was refused');
    expect(sentence('Bybit says the API key is invalid')).toBe('Bybit says the API key is invalid.');
    expect(sentence('Already a sentence.')).toBe('Already a sentence.');
  });
});

describe('key expiry', () => {
  it('warns within 14 days, with the whole days left', async () => {
    const { expirySoon } = await import('../../../renderer/src/state/key-expiry.js');
    const now = Date.UTC(2026, 11, 2, 8);
    expect(expirySoon(new Date(now + 3 * 86_400_000 + 60_000).toISOString(), now)).toEqual({ days: 3 });
    expect(expirySoon(new Date(now + 14 * 86_400_000).toISOString(), now)).toEqual({ days: 14 });
    expect(expirySoon(new Date(now + 15 * 86_400_000).toISOString(), now)).toBeNull();
    expect(expirySoon(null, now)).toBeNull();
    expect(expirySoon(new Date(now - 1000).toISOString(), now)).toEqual({ days: 0 });
  });
});
