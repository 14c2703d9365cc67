import { describe, expect, it } from 'vitest';
import { judge } from '../../../electron/core/diagnostics/key-health-check.js';

const NOW = new Date('2026-11-21T10:00:00Z');
const day = (n: number) => new Date(NOW.getTime() + n * 86_400_000).toISOString();
const READ = { ContractTrade: ['Order', 'Position'], Spot: ['SpotTrade'], Wallet: ['AccountTransfer'] };

describe('key health verdict (query-api)', () => {
  it('passes a read-only, IP-bound key that never expires (Bybit reports the epoch)', () => {
    const o = judge({ readOnly: 1, permissions: READ, ips: ['203.0.113.7'], expiredAt: '1970-01-01T00:00:00Z', uta: 1 }, NOW);
    expect(o).toMatchObject({ status: 'pass', data: { readOnly: true, canTrade: false, canWithdraw: false, ipBound: true, expiresAt: null, accountType: 'unified' } });
  });

  it('warns about trading and withdrawal rights and recommends a read-only key', () => {
    const o = judge({ readOnly: 0, permissions: { ...READ, Wallet: ['AccountTransfer', 'Withdraw'] }, ips: ['203.0.113.7'], uta: 0 }, NOW);
    expect(o).toMatchObject({ status: 'warn', data: { canTrade: true, canWithdraw: true, accountType: 'classic' } });
    expect(o.detail).toContain('can trade and withdraw');
    expect(o.recommendation).toContain('Read-Only');
  });

  it('warns within 14 days of expiry, not at 20', () => {
    expect(judge({ readOnly: 1, permissions: READ, ips: ['203.0.113.7'], expiredAt: day(13) }, NOW).status).toBe('warn');
    expect(judge({ readOnly: 1, permissions: READ, ips: ['203.0.113.7'], expiredAt: day(20) }, NOW).status).toBe('pass');
  });

  it('fails an expired key', () => {
    const o = judge({ readOnly: 1, ips: ['203.0.113.7'], expiredAt: day(-1) }, NOW);
    expect(o.status).toBe('fail');
    expect(o.recommendation).not.toBe('');
  });

  it('warns about a key bound to no IP address ([\'*\'] or empty)', () => {
    for (const ips of [['*'], []]) {
      const o = judge({ readOnly: 1, permissions: READ, ips }, NOW);
      expect(o).toMatchObject({ status: 'warn', data: { ipBound: false } });
      expect(o.recommendation).toContain('IP address');
    }
  });
});
