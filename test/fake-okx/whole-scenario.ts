// An OKX account whose every balance its records explain, each record inside the reach
// of the endpoint that lists it: deposits and withdrawals (a year), funding bills (a
// year), spot and SWAP fills and trading bills (three months).
import { smallOkxScenario, type OkxBill, type OkxFill, type OkxScenario } from './scenario.js';

const DAY = 86_400_000;

/**
 * USDT: 20000 deposited (a 5 USDT deposit still waiting does not count), 15000 moved to
 * trading and 1000 to Simple Earn (internal), 300 sent to a sub-account, 100 withdrawn
 * with a 1 USDT fee (a cancelled 50 does not count), a 2 USDT referral reward; in
 * trading, spot buys and a sell (−13010), a SWAP's opening fee (−0.425), a funding fee
 * (−0.5) and a closed ETH-USDT-SWAP (+1.87 after fees). Held: trading 1990.945, funding
 * 3601, savings 1000 = 6591.945. BTC: 0.3 deposited, 0.05 from a sub-account, 0.2498 from
 * spot fills = 0.5998 (trading 0.2498, funding 0.35). ETH: 1.5 bought paying 0.0015 = 1.4985.
 */
export function wholeOkxScenario(now: number = Date.now()): OkxScenario {
  const base = smallOkxScenario(now);
  const at = (days: number) => now - days * DAY;
  let id = 3000;
  const fill = (instId: string, side: 'buy' | 'sell', fillSz: string, fillPx: string, fee: string, feeCcy: string, days: number, instType: OkxFill['instType'] = 'SPOT'): OkxFill => {
    id += 1;
    return { instType, instId, tradeId: `w${id}`, ordId: `wo${id}`, billId: String(id), side, fillSz, fillPx, fee, feeCcy, ts: at(days) };
  };
  const bill = (billId: string, ccy: string, balChg: string, bal: string, type: string, subType: string, days: number, extra: Partial<OkxBill> = {}): OkxBill =>
    ({ billId, ccy, balChg, bal, type, subType, instId: '', instType: '', ts: at(days), ...extra });
  return {
    ...base,
    trading: [
      { ccy: 'BTC', cashBal: '0.2498', upl: '0' },
      { ccy: 'ETH', cashBal: '1.4985', upl: '0' },
      { ccy: 'USDT', cashBal: '1990.945', upl: '50' },
    ],
    funding: [{ ccy: 'USDT', bal: '3601' }, { ccy: 'BTC', bal: '0.35' }],
    savings: [{ ccy: 'USDT', amt: '1000', earnings: '0' }],
    fills: [
      fill('BTC-USDT', 'buy', '0.2', '40000', '-0.0002', 'BTC', 60),
      fill('BTC-USDT', 'buy', '0.1', '60000', '-6', 'USDT', 30),
      fill('ETH-USDT', 'buy', '1.5', '2000', '-0.0015', 'ETH', 20),
      fill('BTC-USDT-SWAP', 'buy', '1', '85000', '-0.425', 'USDT', 10, 'SWAP'),
      fill('BTC-USDT', 'sell', '0.05', '80000', '-4', 'USDT', 5),
    ],
    deposits: [
      { id: 'wd1', ccy: 'USDT', amt: '20000', fee: '0', state: '2', txId: '0xa1', ts: at(80) },
      { id: 'wd2', ccy: 'BTC', amt: '0.3', fee: '0', state: '2', txId: '0xa2', ts: at(70) },
      { id: 'wd3', ccy: 'USDT', amt: '5', fee: '0', state: '0', txId: '0xa3', ts: at(1 / 24) },
    ],
    withdrawals: [
      { id: 'ww1', ccy: 'USDT', amt: '100', fee: '1', state: '2', txId: '0xb1', ts: at(2) },
      { id: 'ww2', ccy: 'USDT', amt: '50', fee: '1', state: '-2', txId: '', ts: at(3) },
    ],
    closedPositions: [{
      posId: 'wp1', instType: 'SWAP', instId: 'ETH-USDT-SWAP', direction: 'long', openAvgPx: '3000', closeAvgPx: '3100', closeTotalPos: '2',
      realizedPnl: '1.87', fee: '-0.13', cTime: at(40), uTime: at(39),
    }],
    bills: [
      // The trading side of the transfer from funding: moves nothing in the account's total.
      bill('20001', 'USDT', '15000', '15000', '1', '11', 75, { from: '6', to: '18' }),
      // The ETH buy's two legs: the spot fill holds them already.
      bill('20004', 'ETH', '1.4985', '1.4985', '2', '1', 20, { instId: 'ETH-USDT', instType: 'SPOT', fee: '-0.0015', sz: '1.5', px: '2000' }),
      bill('20005', 'USDT', '-3000', '3994', '2', '1', 20, { instId: 'ETH-USDT', instType: 'SPOT', sz: '1.5', px: '2000' }),
      // The closed ETH-USDT-SWAP: opening fee, then the close with its P&L of 2 less its fee.
      bill('20002', 'USDT', '-0.06', '993.94', '2', '3', 40, { instId: 'ETH-USDT-SWAP', instType: 'SWAP', fee: '-0.06', sz: '2', px: '3000' }),
      bill('20003', 'USDT', '1.93', '995.87', '2', '5', 39, { instId: 'ETH-USDT-SWAP', instType: 'SWAP', fee: '-0.07', sz: '2', px: '3100' }),
      bill('20006', 'USDT', '-0.425', '1991.445', '2', '3', 10, { instId: 'BTC-USDT-SWAP', instType: 'SWAP', fee: '-0.425', sz: '1', px: '85000' }),
      bill('20007', 'USDT', '-0.5', '1990.945', '8', '173', 1, { instId: 'BTC-USDT-SWAP', instType: 'SWAP' }),
    ],
    fundingBills: [
      // Deposit and withdrawal bills: their own lists hold them.
      { billId: '80001', ccy: 'USDT', balChg: '20000', bal: '20000', type: '1', ts: at(80) },
      { billId: '80003', ccy: 'BTC', balChg: '0.3', bal: '0.3', type: '1', ts: at(70) },
      { billId: '80002', ccy: 'USDT', balChg: '-15000', bal: '5000', type: '131', ts: at(75) },
      { billId: '80004', ccy: 'USDT', balChg: '-1000', bal: '4000', type: '75', ts: at(60) },
      { billId: '80005', ccy: 'BTC', balChg: '0.05', bal: '0.35', type: '21', ts: at(10) },
      { billId: '80006', ccy: 'USDT', balChg: '-300', bal: '3700', type: '20', ts: at(9) },
      { billId: '80007', ccy: 'USDT', balChg: '-101', bal: '3599', type: '2', ts: at(2) },
      { billId: '80008', ccy: 'USDT', balChg: '2', bal: '3601', type: '151', ts: at(1) },
    ],
  };
}
