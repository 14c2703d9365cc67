import { describe, expect, it } from 'vitest';
import { formatAge, formatCountdown, formatElapsed, secondsSince, secondsUntil, timeAxis } from '../../../renderer/src/format/time-format.js';

const NOW = Date.parse('2026-11-21T10:00:00Z');

describe('time formatting', () => {
  it('says how old data is in words', () => {
    expect(formatAge(3, 'en')).toBe('now');
    expect(formatAge(25, 'en')).toBe('25 seconds ago');
    expect(formatAge(180, 'en')).toBe('3 minutes ago');
    expect(formatAge(2 * 3600 + 5, 'en')).toBe('2 hours ago');
    expect(formatAge(5 * 86_400, 'en')).toBe('5 days ago');
    expect(formatAge(180, 'de')).toBe('vor 3 Minuten');
  });

  it('measures ages and countdowns against a given now', () => {
    expect(secondsSince('2026-11-21T09:57:00Z', NOW)).toBe(180);
    // A server clock slightly ahead must not give a negative age.
    expect(secondsSince('2026-11-21T10:00:05Z', NOW)).toBe(0);
    expect(secondsSince(null, NOW)).toBeNull();
    expect(secondsSince('not a date', NOW)).toBeNull();
    expect(secondsUntil('2026-11-21T10:04:05Z', NOW)).toBe(245);
    expect(secondsUntil('2026-11-21T09:59:00Z', NOW)).toBe(-60);
  });

  it('shows countdowns as a clock', () => {
    expect(formatCountdown(245)).toBe('4:05');
    expect(formatCountdown(3725)).toBe('1:02:05');
    expect(formatCountdown(0.2)).toBe('0:01');
    expect(formatCountdown(-5)).toBe('0:00');
  });

  it('shows run lengths', () => {
    expect(formatElapsed(350)).toBe('350 ms');
    expect(formatElapsed(1234)).toBe('1.2 s');
    expect(formatElapsed(125_000)).toBe('2 min 5 s');
  });

  it('puts axis ticks on round times, a handful of them, labelled to suit the span', () => {
    const HOUR = 3_600_000;
    const cases: Array<[number, RegExp]> = [
      [20 * 60_000, /^\d{1,2}:\d{2}( [AP]M)?$/],
      [24 * HOUR, /^\d{1,2}:\d{2}( [AP]M)?$/],
      [30 * 24 * HOUR, /^[A-Z][a-z]{2} \d{1,2}$/],
      [365 * 24 * HOUR, /^[A-Z][a-z]{2} \d{4}$/],
      [6 * 365 * 24 * HOUR, /^\d{4}$/],
    ];
    for (const [span, label] of cases) {
      const axis = timeAxis(NOW - span, NOW, 'en-US');
      expect(axis.ticks.length).toBeGreaterThanOrEqual(2);
      expect(axis.ticks.length).toBeLessThanOrEqual(9);
      expect(axis.ticks.every((t, i) => t >= NOW - span && t <= NOW && (i === 0 || t > axis.ticks[i - 1]!))).toBe(true);
      for (const t of axis.ticks) {
        expect(axis.format(t)).toMatch(label);
        if (span > HOUR * 2) expect(new Date(t).getMinutes()).toBe(0);
        expect(new Date(t).getSeconds()).toBe(0);
      }
    }
  });

  it('copes with a single point', () => {
    expect(timeAxis(NOW, NOW, 'en-US').ticks.length).toBeLessThanOrEqual(1);
  });
});
