import { describe, expect, it } from 'vitest';
import { changeSpanPhrase, humanSpan, xAxis, xDomain, yAxis } from '../../../renderer/src/screens/history/chart-scale.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 11, 2, 7, 30);

describe('history chart x axis', () => {
  it('spans the chosen range, not just the data', () => {
    // Three hours of data under "30 days": the axis still reaches 30 days back.
    const times = [NOW - 3 * HOUR, NOW - HOUR, NOW];
    expect(xDomain('30d', times, NOW)).toEqual([NOW - 30 * DAY, NOW]);
    expect(xDomain('24h', times, NOW)).toEqual([NOW - DAY, NOW]);
    expect(xDomain('1y', times, NOW)).toEqual([NOW - 365 * DAY, NOW]);
    // "All" starts at the first point; a young history still gets an hour of axis.
    expect(xDomain('all', [NOW - 2 * DAY, NOW], NOW)).toEqual([NOW - 2 * DAY, NOW]);
    expect(xDomain('all', [NOW - 60_000, NOW], NOW)).toEqual([NOW - HOUR, NOW]);
  });

  it('labels short spans in hours and minutes, long ones in dates', () => {
    const hourAxis = xAxis(xDomain('all', [NOW - 5 * 60_000], NOW), 'en-US');
    expect(hourAxis.ticks.length).toBeGreaterThanOrEqual(3);
    expect(hourAxis.ticks.map(hourAxis.format).every((l) => /^\d{1,2}:\d{2}\s?[AP]M$/.test(l))).toBe(true);
    const dayAxis = xAxis(xDomain('24h', [], NOW), 'en-US');
    expect(dayAxis.ticks.length).toBeGreaterThanOrEqual(4);
    for (const t of dayAxis.ticks) expect(new Date(t).getMinutes()).toBe(0);
    const monthAxis = xAxis(xDomain('30d', [], NOW), 'en-US');
    expect(monthAxis.ticks.map(monthAxis.format).every((l) => /^[A-Z][a-z]{2} \d{1,2}$/.test(l))).toBe(true);
  });
});

describe('history chart y axis', () => {
  it('puts ticks on round values with distinct labels', () => {
    const y = yAxis([61_523.4, 61_790, 62_187.9], 'en-US');
    // Not 61.5K, 61.8K, 62.2K: every tick a whole multiple of its step.
    const step = y.ticks[1]! - y.ticks[0]!;
    expect([100, 200, 250, 500]).toContain(step);
    for (const t of y.ticks) expect(t % step).toBe(0);
    expect(y.domain[0]).toBeLessThanOrEqual(61_523.4);
    expect(y.domain[1]).toBeGreaterThanOrEqual(62_187.9);
    const labels = y.ticks.map(y.format);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels).toContain('62K');
    expect(labels).toContain('61.6K');
  });

  it('gives a flat line a band and small values plain labels', () => {
    const flat = yAxis([62_105.922], 'en-US');
    expect(flat.domain[0]).toBeLessThan(62_105.922);
    expect(flat.domain[1]).toBeGreaterThan(62_105.922);
    expect(flat.ticks.length).toBeGreaterThanOrEqual(3);
    const small = yAxis([1.2, 3.7], 'en-US');
    expect(small.ticks.map(small.format)).toEqual(['1', '1.5', '2', '2.5', '3', '3.5', '4']);
  });
});

describe('the change over the span covered', () => {
  it('says the span the points cover, not the range asked for', () => {
    expect(changeSpanPhrase('30d', NOW - 3 * HOUR, NOW, 'in 30 days')).toBe('over 3 hours');
    expect(changeSpanPhrase('30d', NOW - 29.5 * DAY, NOW, 'in 30 days')).toBe('in 30 days');
    expect(changeSpanPhrase('24h', NOW - 4 * 60_000, NOW, 'in 24 h')).toBe('over 4 minutes');
    expect(changeSpanPhrase('all', NOW - 12 * DAY, NOW, 'since the first sync')).toBe('over 12 days');
    expect(humanSpan(1000)).toBe('1 second');
    expect(humanSpan(60_000)).toBe('1 minute');
  });
});
