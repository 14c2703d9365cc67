import { describe, expect, it } from 'vitest';
import { dec } from '../../../electron/core/portfolio/decimal.js';
import type { AccountFlows } from '../../../electron/core/portfolio/flows.js';
import { likelyCause, reconcile } from '../../../electron/core/portfolio/reconcile.js';

const T = new Date(Date.UTC(2026, 0, 10));
const balances = (e: Record<string, string>) => new Map(Object.entries(e).map(([k, v]) => [k, dec(v)]));
const flows = (list: Array<[string, string]>, undirectedTransfers: string[] = []): AccountFlows =>
  ({ flows: list.map(([asset, delta]) => ({ asset, delta: dec(delta), at: T })), undirectedTransfers });
const cause = (warnings: string[], unexplained = '1', account = flows([])) => likelyCause('BTC', dec(unexplained), account, { warnings, historyReach: 'two years' });

describe('reconcile rows', () => {
  it('leaves out an asset neither held nor moved on balance, keeps one held at zero, and reports the signed difference', () => {
    const rows = reconcile(balances({ ETH: '0', USDT: '90' }), flows([['SOL', '2'], ['SOL', '-2'], ['USDT', '100'], ['ETH', '1'], ['ETH', '-1']]), { warnings: [], historyReach: 'two years' });
    expect(rows.map((r) => [r.asset, r.balance.toString(), r.explained.toString(), r.unexplained.toString()])).toEqual([
      ['ETH', '0', '0', '0'],
      ['USDT', '90', '100', '-10'],
    ]);
  });
});

describe('likely cause of a difference', () => {
  it('names a transfer history the key could not read', () => {
    expect(cause(['Universal transfer history not read: permission denied. Tick Wallet.'])).toBe('a sub-account transfer: the key may not read the transfer history');
    expect(cause(['Internal transfer history not read: denied. Tick Wallet.'])).toBe('a sub-account transfer: the key may not read the transfer history');
  });

  it('names the Funding wallet when it could not be read', () => {
    expect(cause(['Funding wallet not read: denied. Tick Wallet.'])).toBe('the Funding wallet was not read (the key lacks its permission)');
  });

  it('puts the most specific cause first: missing deposits before an undirected transfer before an unread Earn product', () => {
    const undirected = flows([], ['BTC']);
    expect(cause(['Earn positions not read (the key lacks the Earn permission): denied.', 'Withdrawal history not read: denied.'], '1', undirected)).toMatch(/Wallet permission/);
    expect(cause(['Earn positions not read (the key lacks the Earn permission): denied.'], '1', undirected)).toMatch(/direction could not be told/);
    expect(cause(['Funding wallet not read: denied.', 'Earn positions not read (the key lacks the Earn permission): denied.'])).toMatch(/Earn product/);
  });

  it('says how far back the exchange\'s history reaches, in its own words', () => {
    expect(likelyCause('ETH', dec('0.5'), flows([]), { warnings: [], historyReach: 'three months' }))
      .toBe('coins held before the history start (older than three months), or an Earn yield or airdrop that no record lists');
  });

  it('reads a cause from the label a warning starts with, not from words quoted later in it', () => {
    const quoted = ['Stored with their raw type, not yet understood: Deposit history not read, Earn positions not read, Funding wallet not read.'];
    expect(cause(quoted, '1')).toBe('coins held before the history start (older than two years), or an Earn yield or airdrop that no record lists');
    expect(cause(quoted, '-1')).toBe('an outflow no record lists: a sub-account transfer, or an Earn product not read');
  });
});
