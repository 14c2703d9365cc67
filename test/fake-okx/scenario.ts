// What the fake OKX account holds: a small hand-checkable account and its types.
// Every number is a decimal string, as OKX sends them.

export type OkxInstType = 'SPOT' | 'MARGIN' | 'SWAP' | 'FUTURES' | 'OPTION';

export interface OkxInstrument { instId: string; baseCcy: string; quoteCcy: string }
/** A SWAP or FUTURES contract: one contract is `ctVal` of `ctValCcy`. */
export interface OkxContract { instType: 'SWAP' | 'FUTURES'; instId: string; ctVal: string; ctValCcy: string; settleCcy: string }
export interface OkxTicker { instId: string; last: string; open24h: string }
/** A trading-account currency: `cashBal` excludes unrealised P&L, `upl` is what open positions add to `eq`. */
export interface OkxTradingBalance { ccy: string; cashBal: string; upl: string }
export interface OkxFundingBalance { ccy: string; bal: string }
export interface OkxSavingsBalance { ccy: string; amt: string; earnings: string }

export interface OkxPosition {
  instType: OkxInstType; instId: string; mgnMode: 'cross' | 'isolated'; posSide: 'net' | 'long' | 'short';
  pos: string; avgPx: string; markPx: string; upl: string; lever: string; liqPx: string; ccy: string;
}

/** One fill as fills-history lists it. `fee` is negative when charged (OKX's sign). */
export interface OkxFill {
  instType: OkxInstType; instId: string; tradeId: string; ordId: string; billId: string;
  side: 'buy' | 'sell'; fillSz: string; fillPx: string; fee: string; feeCcy: string; ts: number;
}

export interface OkxCashFlow { id: string; ccy: string; amt: string; fee: string; state: string; txId: string; ts: number }
export interface OkxClosedPosition {
  posId: string; instType: OkxInstType; instId: string; direction: 'long' | 'short'; openAvgPx: string; closeAvgPx: string;
  closeTotalPos: string; realizedPnl: string; fee: string; cTime: number; uTime: number;
}
/**
 * One trading-account bill. `fee` is OKX-signed (negative when charged); a transfer (type 1)
 * names its accounts in `from`/`to` (6 funding, 18 trading); `instType` is "" when no instrument.
 */
export interface OkxBill {
  billId: string; ccy: string; balChg: string; bal: string; type: string; subType: string; instId: string; ts: number;
  instType?: OkxInstType | ''; fee?: string; sz?: string; px?: string; from?: string; to?: string;
}
/** One funding-account bill (asset/bills): 130/131 transfers with the trading account, 20–23 with sub-accounts, 75/76 Simple Earn. */
export interface OkxFundingBill { billId: string; ccy: string; balChg: string; bal: string; type: string; ts: number }

export interface OkxScenario {
  instruments: OkxInstrument[];
  contracts: OkxContract[];
  tickers: OkxTicker[];
  trading: OkxTradingBalance[];
  funding: OkxFundingBalance[];
  savings: OkxSavingsBalance[];
  positions: OkxPosition[];
  fills: OkxFill[];
  deposits: OkxCashFlow[];
  withdrawals: OkxCashFlow[];
  bills: OkxBill[];
  fundingBills: OkxFundingBill[];
  closedPositions: OkxClosedPosition[];
}

const DAY = 86_400_000;

/**
 * BTC: buy 0.2 @ 40000 paying 0.0002 BTC, buy 0.1 @ 70000 paying 7 USDT, sell 0.05 @ 80000
 * paying 4 USDT. ETH: buy 1.5 @ 2000 paying 0.0015 ETH. A fill older than three months is
 * out of fills-history's reach. One BTC-USDT-SWAP long of 1 contract (0.01 BTC) at 85000,
 * marked at 90000: 50 USDT unrealised, in the USDT `eq` but not its `cashBal`.
 */
export function smallOkxScenario(now: number = Date.now()): OkxScenario {
  let bill = 1000;
  const fill = (instId: string, side: 'buy' | 'sell', fillSz: string, fillPx: string, fee: string, feeCcy: string, ageDays: number, instType: OkxInstType = 'SPOT'): OkxFill => {
    bill += 1;
    return { instType, instId, tradeId: `t${bill}`, ordId: `o${bill}`, billId: String(bill), side, fillSz, fillPx, fee, feeCcy, ts: now - ageDays * DAY };
  };
  return {
    instruments: [
      { instId: 'BTC-USDT', baseCcy: 'BTC', quoteCcy: 'USDT' },
      { instId: 'ETH-USDT', baseCcy: 'ETH', quoteCcy: 'USDT' },
      { instId: 'ETH-BTC', baseCcy: 'ETH', quoteCcy: 'BTC' },
      { instId: 'USDC-USDT', baseCcy: 'USDC', quoteCcy: 'USDT' },
    ],
    contracts: [
      { instType: 'SWAP', instId: 'BTC-USDT-SWAP', ctVal: '0.01', ctValCcy: 'BTC', settleCcy: 'USDT' },
      { instType: 'SWAP', instId: 'BTC-USD-SWAP', ctVal: '100', ctValCcy: 'USD', settleCcy: 'BTC' },
    ],
    tickers: [
      { instId: 'BTC-USDT', last: '90000', open24h: '88000' },
      { instId: 'ETH-USDT', last: '3000', open24h: '3100' },
      { instId: 'ETH-BTC', last: '0.0333', open24h: '0.034' },
      { instId: 'USDC-USDT', last: '1', open24h: '1' },
      { instId: 'BTC-USDT-SWAP', last: '90010', open24h: '88000' },
    ],
    trading: [
      { ccy: 'BTC', cashBal: '0.2498', upl: '0' },
      { ccy: 'ETH', cashBal: '1.4985', upl: '0' },
      { ccy: 'USDT', cashBal: '2000.5', upl: '50' },
      { ccy: 'DOGE', cashBal: '0', upl: '0' },
    ],
    funding: [
      { ccy: 'USDT', bal: '500' },
      { ccy: 'BTC', bal: '0.05' },
    ],
    savings: [{ ccy: 'USDT', amt: '1000', earnings: '1.25' }],
    positions: [{
      instType: 'SWAP', instId: 'BTC-USDT-SWAP', mgnMode: 'cross', posSide: 'net', pos: '1', avgPx: '85000', markPx: '90000',
      upl: '50', lever: '10', liqPx: '61000', ccy: 'USDT',
    }],
    fills: [
      fill('BTC-USDT', 'buy', '0.5', '30000', '-0.0005', 'BTC', 120),
      fill('BTC-USDT', 'buy', '0.2', '40000', '-0.0002', 'BTC', 60),
      fill('BTC-USDT', 'buy', '0.1', '70000', '-7', 'USDT', 30),
      fill('ETH-USDT', 'buy', '1.5', '2000', '-0.0015', 'ETH', 20),
      fill('BTC-USDT-SWAP', 'buy', '1', '85000', '-0.425', 'USDT', 10, 'SWAP'),
      fill('BTC-USDT', 'sell', '0.05', '80000', '-4', 'USDT', 5),
    ],
    deposits: [{ id: 'd1', ccy: 'USDT', amt: '10000', fee: '0', state: '2', txId: '0xabc', ts: now - 80 * DAY }],
    withdrawals: [{ id: 'w1', ccy: 'USDT', amt: '100', fee: '1', state: '2', txId: '0xdef', ts: now - 2 * DAY }],
    closedPositions: [{
      posId: 'p7', instType: 'SWAP', instId: 'ETH-USDT-SWAP', direction: 'long', openAvgPx: '3000', closeAvgPx: '3100', closeTotalPos: '2',
      realizedPnl: '1.87', fee: '-0.13', cTime: now - 40 * DAY, uTime: now - 39 * DAY,
    }],
    bills: [
      { billId: '8001', ccy: 'USDT', balChg: '-0.425', bal: '2001', type: '2', subType: '1', instId: 'BTC-USDT-SWAP', ts: now - 10 * DAY },
      { billId: '9001', ccy: 'USDT', balChg: '-0.5', bal: '2000.5', type: '8', subType: '173', instId: 'BTC-USDT-SWAP', ts: now - DAY },
    ],
    fundingBills: [
      // 200 USDT to the trading account 3 days ago, 0.05 BTC from a sub-account (this is the master) 2 days ago, a 2 USDT referral reward yesterday.
      { billId: '70001', ccy: 'USDT', balChg: '-200', bal: '498', type: '131', ts: now - 3 * DAY },
      { billId: '70002', ccy: 'BTC', balChg: '0.05', bal: '0.05', type: '21', ts: now - 2 * DAY },
      { billId: '70003', ccy: 'USDT', balChg: '2', bal: '500', type: '151', ts: now - DAY },
    ],
  };
}

export function cloneOkxScenario(s: OkxScenario): OkxScenario {
  return structuredClone(s);
}
