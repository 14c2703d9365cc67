import { describe, expect, it } from 'vitest';
import { fundingBillRecord } from '../../../electron/core/exchange/okx/okx-funding-bills.js';
import { toLogRow } from '../../../electron/core/exchange/okx/okx-history.js';

const bill = (type: string, balChg: string) => ({ billId: '555', ccy: 'USDT', balChg, bal: '12.50', type, ts: '1764000000000' });
const flow = (type: string, balChg: string) => {
  const r = fundingBillRecord(bill(type, balChg));
  return r !== null && 'cashFlow' in r ? r.cashFlow : null;
};

describe('OKX funding-account bills to records', () => {
  it('deposits, withdrawals and cancelled withdrawals are left to their own lists', () => {
    for (const type of ['1', '2', '13']) expect(fundingBillRecord(bill(type, '5'))).toBeNull();
  });

  it('transfers with the trading account and Simple Earn are internal, between the named wallets', () => {
    expect(flow('131', '-200.50')).toMatchObject({ kind: 'internal-transfer', flowId: '555', asset: 'USDT', amount: '200.5', fromWallet: 'FUNDING', toWallet: 'TRADING', rawType: '131', status: null });
    expect(flow('130', '7')).toMatchObject({ kind: 'internal-transfer', fromWallet: 'TRADING', toWallet: 'FUNDING', amount: '7' });
    expect(flow('75', '-100')).toMatchObject({ kind: 'internal-transfer', fromWallet: 'FUNDING', toWallet: 'EARN_SAVINGS', amount: '100' });
    expect(flow('76', '100')).toMatchObject({ kind: 'internal-transfer', fromWallet: 'EARN_SAVINGS', toWallet: 'FUNDING', amount: '100' });
  });

  it('sub-account transfers are universal transfers, their type saying the side of this account', () => {
    // 21 and 23 come in (to a master from a sub, to a sub from its master); 20 and 22 go out.
    expect(flow('21', '0.00000001')).toMatchObject({ kind: 'universal-transfer', amount: '0.00000001', fromWallet: null, toWallet: 'FUNDING', rawType: '21' });
    expect(flow('23', '3')).toMatchObject({ kind: 'universal-transfer', fromWallet: null, toWallet: 'FUNDING', rawType: '23' });
    expect(flow('20', '-3')).toMatchObject({ kind: 'universal-transfer', amount: '3', fromWallet: 'FUNDING', toWallet: null, rawType: '20' });
    expect(flow('22', '-3')).toMatchObject({ kind: 'universal-transfer', fromWallet: 'FUNDING', toWallet: null, rawType: '22' });
  });

  it('every other bill joins the transaction log under category funding, signed and exact, its id prefixed', () => {
    expect(fundingBillRecord(bill('151', '0.000000010'))).toEqual({
      log: {
        logId: 'funding-555', category: 'funding', symbol: null, type: '151', side: null, currency: 'USDT', qty: null, size: null, tradePrice: null,
        change: '0.00000001', cashFlow: null, funding: null, fee: null, cashBalance: '12.5', tradeId: null, orderId: null,
        transactionTime: new Date(1764000000000), raw: bill('151', '0.000000010'),
      },
    });
    expect(fundingBillRecord(bill('80', '-2'))).toMatchObject({ log: { type: '80', change: '-2' } });
  });
});

describe('OKX trading-account bills to log rows', () => {
  const base = { billId: '9', ccy: 'USDT', balChg: '-0.5', bal: '100', type: '8', subType: '173', instType: 'SWAP', instId: 'BTC-USDT-SWAP', ts: '1764000000000' };

  it('a funding fee keeps its sign as funding; a charged fee is stored as paid, a rebate negative', () => {
    expect(toLogRow({ ...base, fee: '0' })).toMatchObject({ logId: '9', category: 'swap', type: '8/173', change: '-0.5', funding: '-0.5', fee: '0', cashBalance: '100' });
    const trade = toLogRow({ ...base, type: '2', subType: '5', balChg: '12.3', fee: '-0.0425', pnl: '12.3425' });
    expect(trade).toMatchObject({ type: '2/5', funding: null, fee: '0.0425', change: '12.3' });
    expect(toLogRow({ ...base, type: '2', subType: '1', fee: '0.001' }).fee).toBe('-0.001');
    expect(toLogRow({ ...base, fee: '' }).fee).toBeNull();
    expect(toLogRow({ ...base, type: '1', subType: '11', instType: '' })).toMatchObject({ category: null, type: '1/11' });
  });
});
