import { describe, expect, it } from 'vitest';
import { rangeBounds } from '../../../electron/core/range-bounds.js';
import { apiInputs } from '../../../shared/api.js';

describe('history range bounds (net-value:get, pnl:daily)', () => {
  const now = new Date('2026-03-10T12:00:00Z');

  it('reaches back from now for a preset, unbounded for all', () => {
    expect(rangeBounds('24h', null, null, now)).toEqual({ since: new Date('2026-03-09T12:00:00Z'), until: null });
    expect(rangeBounds('30d', null, null, now)).toEqual({ since: new Date('2026-02-08T12:00:00Z'), until: null });
    expect(rangeBounds('all', null, null, now)).toEqual({ since: null, until: null });
  });

  it('takes custom dates over the preset; a plain "to" date includes that day', () => {
    expect(rangeBounds('24h', '2026-01-01', '2026-01-31', now)).toEqual({ since: new Date('2026-01-01T00:00:00Z'), until: new Date('2026-02-01T00:00:00Z') });
    expect(rangeBounds('24h', null, '2026-01-31T06:00:00Z', now)).toEqual({ since: null, until: new Date('2026-01-31T06:00:00Z') });
    expect(rangeBounds('all', '2026-01-05', null, now)).toEqual({ since: new Date('2026-01-05T00:00:00Z'), until: null });
    // The same day as both ends is that whole day.
    expect(rangeBounds('all', '2026-01-05', '2026-01-05', now).until).toEqual(new Date('2026-01-06T00:00:00Z'));
  });

  it('refuses a backwards range and malformed dates with clear errors', () => {
    expect(() => rangeBounds('all', '2026-02-01', '2026-01-01', now)).toThrow(/start date is not before the end date/);
    expect(() => rangeBounds('all', '2026-01-01T10:00:00Z', '2026-01-01T10:00:00Z', now)).toThrow(/not before/);
    const parsed = apiInputs['net-value:get'].safeParse({ from: 'last week' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/a date such as 2026-01-31/);
    expect(apiInputs['pnl:daily'].safeParse({ to: '2026-13-01' }).success).toBe(false);
    expect(apiInputs['pnl:daily'].parse(undefined)).toEqual({ range: '30d', account: null, from: null, to: null });
  });
});
