import { describe, expect, it } from 'vitest';
import { formatAmount, formatCompact, formatMoney, formatPercent, formatPrice, formatQuantity, UNKNOWN } from '../../../renderer/src/format/number-format.js';

describe('number formatting from decimal strings', () => {
  it('formats money with two decimals and the quote, in the given locale', () => {
    expect(formatMoney('12345.678', 'USDT', 'en-US')).toBe('12,345.68 USDT');
    expect(formatMoney('12345.678', 'USDT', 'de-DE')).toBe('12.345,68 USDT');
    expect(formatMoney(null, 'USDT', 'en-US')).toBe(UNKNOWN);
  });

  it('loses no precision on figures a float cannot hold', () => {
    // 2^53 + 1 and 17 significant digits: a Number would round both.
    expect(formatAmount('9007199254740993.01', 'en-US')).toBe('9,007,199,254,740,993.01');
    expect(formatQuantity('0.12345678', 'en-US')).toBe('0.12345678');
    expect(formatAmount('0.005', 'en-US')).toBe('0.01');
  });

  it('signs gains and losses only when asked, never "-0.00"', () => {
    expect(formatAmount('12.3', 'en-US', true)).toBe('+12.30');
    expect(formatAmount('-4.1', 'en-US', true)).toBe('-4.10');
    expect(formatAmount('0', 'en-US', true)).toBe('0.00');
    expect(formatAmount('-0.001', 'en-US')).toBe('0.00');
    expect(formatAmount('-0.001', 'en-US', true)).toBe('0.00');
  });

  it('gives every price four significant digits and at least cents, so a column reads alike', () => {
    expect(formatPrice('90000.123', 'en-US')).toBe('90,000.12');
    expect(formatPrice('3000', 'en-US')).toBe('3,000.00');
    expect(formatPrice('62.5', 'en-US')).toBe('62.50');
    expect(formatPrice('2.345678', 'en-US')).toBe('2.346');
    // The column the issue showed as 0.2 / 0.008 / 1.10.
    expect(['0.2', '0.008', '1.1'].map((p) => formatPrice(p, 'en-US'))).toEqual(['0.2000', '0.008000', '1.100']);
    expect(formatPrice('0.00001234567', 'en-US')).toBe('0.00001235');
    // Rounding up to the next power of ten keeps four digits, not five.
    expect(formatPrice('9.9996', 'en-US')).toBe('10.00');
    expect(formatPrice('-0.5', 'en-US')).toBe('-0.5000');
    expect(formatPrice('0', 'en-US')).toBe('0.00');
    expect(formatPrice(null, 'en-US')).toBe(UNKNOWN);
  });

  it('shows quantities to eight significant digits (at most eight decimals) without trailing zeros, and dust as "<0.00000001"', () => {
    expect(formatQuantity('1.50000000', 'en-US')).toBe('1.5');
    expect(formatQuantity('1234567.1', 'en-US')).toBe('1,234,567.1');
    // Not eight decimals on a seven-digit holding.
    expect(formatQuantity('1074666.12345678', 'en-US')).toBe('1,074,666.1');
    expect(formatQuantity('0.000123456789', 'en-US')).toBe('0.00012346');
    expect(formatQuantity('0.000000001', 'en-US')).toBe('<0.00000001');
    expect(formatQuantity('0', 'en-US')).toBe('0');
  });

  it("shows a quantity to its asset's precision when known", () => {
    expect(formatQuantity('1074666.12345678', 'en-US', false, 2)).toBe('1,074,666.12');
    expect(formatQuantity('0.123456789', 'en-US', false, 6)).toBe('0.123457');
    expect(formatQuantity('0.5', 'en-US', false, 6)).toBe('0.5');
    expect(formatQuantity('0.0000001', 'en-US', false, 6)).toBe('<0.000001');
    expect(formatQuantity('12.7', 'en-US', false, 0)).toBe('13');
  });

  it('formats percentages given in percent, exactly, with sign on request', () => {
    expect(formatPercent('12.5', 'en-US')).toBe('12.50%');
    // German puts a no-break space before the sign.
    expect(formatPercent('12.5', 'de-DE')).toBe('12,50\u00a0%');
    expect(formatPercent('-3.456', 'en-US', { signed: true })).toBe('-3.46%');
    expect(formatPercent('3.456', 'en-US', { signed: true })).toBe('+3.46%');
    expect(formatPercent('0.0001', 'en-US')).toBe('<0.01%');
    expect(formatPercent(null, 'en-US')).toBe(UNKNOWN);
  });

  it('treats malformed strings as unknown rather than NaN or 0', () => {
    expect(formatMoney('abc', 'USDT', 'en-US')).toBe(UNKNOWN);
    expect(formatPrice('', 'en-US')).toBe(UNKNOWN);
    expect(formatQuantity('1,5', 'en-US')).toBe(UNKNOWN);
  });

  it('keeps exponent notation out of what Intl receives', () => {
    expect(formatQuantity('1e-7', 'en-US')).toBe('0.0000001');
    expect(formatAmount('1.5e3', 'en-US')).toBe('1,500.00');
  });

  it('compacts axis labels', () => {
    expect(formatCompact(12345, 'en-US')).toBe('12.3K');
    expect(formatCompact(1_200_000, 'en-US')).toBe('1.2M');
  });
});
