import { describe, expect, it } from 'vitest';
import { accountModeOf, isReadOnly, keyExpiry } from '../../../electron/core/exchange/bybit/bybit-key-info.js';

// The one reading of Bybit's key details that the sync, the connection test and the
// diagnostics share.

describe('Bybit key details', () => {
  it('the account mode comes from uta, or unified in older answers; unknown without either', () => {
    expect(accountModeOf({ uta: 1 })).toBe('unified');
    expect(accountModeOf({ uta: '0' })).toBe('classic');
    expect(accountModeOf({ unified: '1' })).toBe('unified');
    expect(accountModeOf({ uta: 0, unified: 1 })).toBe('classic');
    expect(accountModeOf({})).toBeNull();
  });

  it('expiry: a date, or null for a key that never expires (deadlineDay -2, the epoch, nothing)', () => {
    expect(keyExpiry({ expiredAt: '2027-01-31T00:00:00Z', deadlineDay: 60 })).toEqual(new Date('2027-01-31T00:00:00Z'));
    expect(keyExpiry({ expiredAt: '2027-01-31T00:00:00Z', deadlineDay: '-2' })).toBeNull();
    expect(keyExpiry({ expiredAt: '1970-01-01T00:00:00Z' })).toBeNull();
    expect(keyExpiry({ expiredAt: 'soon' })).toBeNull();
    expect(keyExpiry({})).toBeNull();
  });

  it('read-only is readOnly 1, as a number or a string', () => {
    expect(isReadOnly({ readOnly: 1 })).toBe(true);
    expect(isReadOnly({ readOnly: '1' })).toBe(true);
    expect(isReadOnly({ readOnly: 0 })).toBe(false);
  });
});
