import { describe, expect, it } from 'vitest';
import { parseFundingBalance, parsePositions, parseSavingsBalance, parseTickers, parseTradingBalance, toFillRow } from '../../../electron/core/exchange/okx/okx-parse.js';
import { okxMethodName } from '../../../electron/core/exchange/okx/okx-api.js';
import { okxAccountMode, okxBoundIps, okxPermissions } from '../../../electron/core/exchange/okx/okx-key-info.js';

const markets = new Map([['BTC-USDT', { symbol: 'BTC-USDT', base: 'BTC', quote: 'USDT' }]]);
const fill = { instType: 'SPOT', instId: 'BTC-USDT', tradeId: 't1', ordId: 'o1', billId: '42', side: 'buy' as const, fillSz: '0.10', fillPx: '90000.0', fee: '-0.0001', feeCcy: 'BTC', ts: '1764000000000' };

describe('OKX answers to rows', () => {
  it('a negative OKX fee is a charge, a positive one a rebate; strings stay exact', () => {
    expect(toFillRow(fill, markets)).toMatchObject({ fillId: '42', fee: '0.0001', feeCurrency: 'BTC', quantity: '0.1', price: '90000', base: 'BTC', quote: 'USDT', executedAt: new Date(1764000000000) });
    expect(toFillRow({ ...fill, fee: '0.00000123', feeCcy: 'USDT' }, markets)?.fee).toBe('-0.00000123');
    expect(toFillRow({ ...fill, fee: '' }, markets)).toMatchObject({ fee: null, feeCurrency: null });
    expect(toFillRow({ ...fill, instId: 'GONE-USDT' }, markets)).toBeNull();
  });

  it('trading balances are cashBal (without unrealised P&L); zero rows are left out', () => {
    expect(parseTradingBalance([{ details: [{ ccy: 'USDT', cashBal: '100.10', eq: '150.1', upl: '50' }, { ccy: 'DOGE', cashBal: '0', eq: '0' }] }]))
      .toEqual([{ wallet: 'TRADING', asset: 'USDT', quantity: '100.1' }]);
    expect(parseFundingBalance([{ ccy: 'BTC', bal: '0.5' }, { ccy: 'ETH', bal: '' }])).toEqual([{ wallet: 'FUNDING', asset: 'BTC', quantity: '0.5' }]);
    expect(parseSavingsBalance([{ ccy: 'USDT', amt: '1000' }])).toEqual([{ wallet: 'EARN_SAVINGS', asset: 'USDT', quantity: '1000' }]);
  });

  it('positions: net mode takes the side from the sign, long/short mode from posSide', () => {
    const p = { instType: 'SWAP', instId: 'ETH-USDT-SWAP', posSide: 'net', pos: '-3', avgPx: '3000', markPx: '2900', upl: '3', lever: '5', liqPx: '', ccy: 'USDT' };
    expect(parsePositions([p])).toEqual([{ category: 'swap', symbol: 'ETH-USDT-SWAP', side: 'short', size: '3', entryPrice: '3000', markPrice: '2900', unrealisedPnl: '3', leverage: '5', liquidationPrice: null, settleCoin: 'USDT', margin: null }]);
    expect(parsePositions([{ ...p, posSide: 'long', pos: '2' }])[0]?.side).toBe('long');
    expect(parsePositions([{ ...p, posSide: 'short', pos: '2' }])[0]?.side).toBe('short');
    expect(parsePositions([{ ...p, pos: '0' }])).toEqual([]);
    // Contracts become the contract's currency: 3 × 0.1 ETH; unknown contract values keep contracts.
    expect(parsePositions([p], new Map([['ETH-USDT-SWAP', '0.1']]))[0]?.size).toBe('0.3');
    expect(parsePositions([{ ...p, instId: 'ETH-USD-SWAP', pos: '7' }], new Map([['ETH-USD-SWAP', '10']]))[0]?.size).toBe('70');
  });

  it('the 24 h change is measured from open24h; an unknown open gives null, never 0', () => {
    const [t] = parseTickers([{ instId: 'BTC-USDT', last: '99', open24h: '90' }], markets);
    expect(t?.change24hPct?.toString()).toBe('10');
    expect(parseTickers([{ instId: 'BTC-USDT', last: '99', open24h: '' }], markets)[0]?.change24hPct).toBeNull();
  });

  it('key details, account mode and ccxt method names', () => {
    expect(okxPermissions({ perm: 'read_only,trade' })).toEqual(['read_only', 'trade']);
    expect(okxBoundIps({ ip: '' })).toEqual([]);
    expect(okxBoundIps({ ip: '1.2.3.4, 5.6.7.8' })).toEqual(['1.2.3.4', '5.6.7.8']);
    expect(okxAccountMode({ acctLv: '3' })).toBe('multi-currency-margin');
    expect(okxAccountMode({ acctLv: '9' })).toBe('level-9');
    expect(okxMethodName('private', 'trade/fills-history')).toBe('privateGetTradeFillsHistory');
    expect(okxMethodName('public', 'public/time')).toBe('publicGetPublicTime');
  });
});
