import { describe, expect, it } from 'vitest';
import { dec, decOrNull, str } from '../../../electron/core/portfolio/decimal.js';

describe('exact decimals', () => {
  it('parse exchange strings and keep plain notation, however small or large', () => {
    expect(dec('0.00000001').toString()).toBe('0.00000001');
    expect(dec('1e-30').toString()).toBe(`0.${'0'.repeat(29)}1`);
    expect(dec('123456789012345678901234567890').toString()).toBe('123456789012345678901234567890');
    expect(dec(dec('2.50')).toString()).toBe('2.5');
  });

  it('divide to 40 significant digits, rounding half to even', () => {
    expect(dec('1').div(3).toString()).toBe(`0.${'3'.repeat(40)}`);
    expect(dec('2').div(3).toString()).toBe(`0.${'6'.repeat(39)}7`);
    // 41 digits ending in 5: the 40th digit is even, so it stays.
    expect(dec(`1${'0'.repeat(38)}25`).plus(0).toString()).toBe(`1${'0'.repeat(38)}20`);
    expect(dec(`1${'0'.repeat(38)}35`).plus(0).toString()).toBe(`1${'0'.repeat(38)}40`);
  });

  it('refuse what is not a finite number, saying what it was', () => {
    expect(() => dec('Infinity')).toThrow('not a finite decimal: Infinity');
    expect(() => dec('NaN')).toThrow('not a finite decimal: NaN');
    expect(() => dec('abc')).toThrow();
  });

  it('an empty or absent value is unknown (null), never 0', () => {
    expect(decOrNull(null)).toBeNull();
    expect(decOrNull(undefined)).toBeNull();
    expect(decOrNull('')).toBeNull();
    expect(decOrNull('   ')).toBeNull();
    expect(decOrNull('0')?.toString()).toBe('0');
    expect(decOrNull('1.50')?.toString()).toBe('1.5');
    expect(str(null)).toBeNull();
    expect(str(dec('1.10'))).toBe('1.1');
  });
});
