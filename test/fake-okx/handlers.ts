// The endpoints the fake serves, answering in OKX V5's field names with string numbers.
import { Decimal } from 'decimal.js';
import { OkxError } from './envelope.js';
import type { FakeOkxKey } from './keys.js';
import { page } from './paging.js';
import type { OkxScenario } from './scenario.js';

export interface OkxHandlerContext { query: Record<string, string>; scenario: OkxScenario; now: number; key: FakeOkxKey | null }
export interface OkxRoute { private: boolean; handler: (ctx: OkxHandlerContext) => unknown[] }

const DAY = 86_400_000;
const s = (ts: number) => String(ts);
const required = (q: Record<string, string>, name: string) => {
  if (!q[name]) throw new OkxError('50014', `Parameter ${name} can not be empty.`);
  return q[name]!;
};

function fillsIn(ctx: OkxHandlerContext, fromAge: number, toAge: number): unknown[] {
  const instType = required(ctx.query, 'instType');
  const rows = ctx.scenario.fills.filter((f) => f.instType === instType && f.ts >= ctx.now - toAge && f.ts < ctx.now - fromAge);
  return page(rows, (f) => f.billId, (f) => f.ts, ctx.query).map((f) => ({
    instType: f.instType, instId: f.instId, tradeId: f.tradeId, ordId: f.ordId, clOrdId: '', billId: f.billId, tag: '',
    fillPx: f.fillPx, fillSz: f.fillSz, side: f.side, posSide: 'net', execType: 'T', feeCcy: f.feeCcy, fee: f.fee,
    ts: s(f.ts), fillTime: s(f.ts), subType: '1',
  }));
}

/** One 1-minute candle: the one before `after` (OKX's "older than"), or the current one; every price is the ticker's last. */
function candles(c: OkxHandlerContext): unknown[] {
  const t = c.scenario.tickers.find((x) => x.instId === required(c.query, 'instId'));
  if (!t) throw new OkxError('51001', 'Instrument ID does not exist.');
  const bar = 60_000;
  const end = c.query.after ? Number(c.query.after) - bar : c.now;
  const start = Math.floor(end / bar) * bar;
  return [[s(start), t.last, t.last, t.last, t.last, '1', t.last, t.last, '1']];
}

/** account/bills reaches seven days back, bills-archive three months; paged by bill id, `begin`/`end` filter by time. */
function bills(c: OkxHandlerContext, reach: number): unknown[] {
  return page(c.scenario.bills.filter((b) => b.ts >= c.now - reach), (b) => b.billId, (b) => b.ts, c.query).map((b) => ({
    billId: b.billId, ccy: b.ccy, balChg: b.balChg, bal: b.bal, type: b.type, subType: b.subType, instId: b.instId, instType: b.instType ?? 'SWAP',
    fee: b.fee ?? '0', pnl: '0', sz: b.sz ?? new Decimal(b.balChg).abs().toString(), px: b.px ?? '', from: b.from ?? '', to: b.to ?? '',
    mgnMode: b.instType === '' ? '' : 'cross', posBal: '0', posBalChg: '0', notes: '', ordId: '', tradeId: '', execType: '', ts: s(b.ts),
  }));
}

/**
 * The funding account's bills, newest first. asset/bills answers the last month and pages
 * by time (`after`/`before` are timestamps); asset/bills-history reaches back to February
 * 2021 and pages by time, or by bill id with pagingType=2.
 */
function fundingBills(c: OkxHandlerContext, history: boolean): unknown[] {
  const since = history ? Date.UTC(2021, 1, 1) : c.now - 30 * DAY;
  const byId = history && c.query.pagingType === '2';
  if (history && c.query.pagingType !== undefined && !['1', '2'].includes(c.query.pagingType)) throw new OkxError('51000', 'Parameter pagingType error');
  const rows = c.scenario.fundingBills.filter((b) => b.ts >= since);
  return page(rows, byId ? (b) => b.billId : (b) => String(b.ts), (b) => b.ts, c.query)
    .map((b) => ({ billId: b.billId, ccy: b.ccy, clientId: '', balChg: b.balChg, bal: b.bal, type: b.type, notes: '', ts: s(b.ts) }));
}

export const OKX_ROUTES: Record<string, OkxRoute> = {
  '/api/v5/public/time': { private: false, handler: (c) => [{ ts: s(c.now) }] },
  '/api/v5/public/instruments': {
    private: false,
    handler: (c) => {
      const type = required(c.query, 'instType');
      if (type !== 'SPOT') {
        return c.scenario.contracts.filter((k) => k.instType === type)
          .map((k) => ({ instType: k.instType, instId: k.instId, ctVal: k.ctVal, ctValCcy: k.ctValCcy, settleCcy: k.settleCcy, ctType: k.ctValCcy === 'USD' ? 'inverse' : 'linear', state: 'live' }));
      }
      return c.scenario.instruments.map((i) => ({ instType: 'SPOT', instId: i.instId, baseCcy: i.baseCcy, quoteCcy: i.quoteCcy, state: 'live', lotSz: '0.00000001', tickSz: '0.1', minSz: '0.00001' }));
    },
  },
  '/api/v5/market/tickers': {
    private: false,
    handler: (c) => {
      const type = required(c.query, 'instType');
      return c.scenario.tickers.filter((t) => (type === 'SPOT' ? t.instId.split('-').length === 2 : t.instId.endsWith(`-${type}`)))
        .map((t) => ({ instType: type, instId: t.instId, last: t.last, open24h: t.open24h, sodUtc0: t.open24h, ts: s(c.now) }));
    },
  },
  '/api/v5/market/candles': { private: false, handler: (c) => candles(c) },
  '/api/v5/market/history-candles': { private: false, handler: (c) => candles(c) },
  '/api/v5/account/balance': {
    private: true,
    handler: (c) => [{
      uTime: s(c.now), totalEq: '', adjEq: '',
      details: c.scenario.trading.map((b) => ({
        ccy: b.ccy, cashBal: b.cashBal, eq: new Decimal(b.cashBal).plus(b.upl).toString(), upl: b.upl, availBal: b.cashBal, frozenBal: '0', uTime: s(c.now),
      })),
    }],
  },
  '/api/v5/asset/balances': {
    private: true,
    handler: (c) => c.scenario.funding.map((b) => ({ ccy: b.ccy, bal: b.bal, availBal: b.bal, frozenBal: '0' })),
  },
  '/api/v5/finance/savings/balance': {
    private: true,
    handler: (c) => c.scenario.savings.map((b) => ({ ccy: b.ccy, amt: b.amt, earnings: b.earnings, loanAmt: b.amt, pendingAmt: '0', rate: '0.01', redemptAmt: '' })),
  },
  '/api/v5/account/positions': {
    private: true,
    handler: (c) => c.scenario.positions.filter((p) => !c.query.instType || p.instType === c.query.instType)
      .map((p) => ({ ...p, uTime: s(c.now), cTime: s(c.now - DAY) })),
  },
  '/api/v5/trade/fills-history': { private: true, handler: (c) => fillsIn(c, 0, 90 * DAY) },
  '/api/v5/account/config': {
    private: true,
    handler: (c) => [{ uid: '44705892343619584', mainUid: '44705892343619584', acctLv: '2', posMode: 'net_mode', autoLoan: false, level: 'Lv1', label: c.key!.name, perm: c.key!.perm, ip: c.key!.ips.join(','), greeksType: 'PA', ctIsoMode: 'automatic', mgnIsoMode: 'automatic' }],
  },
  '/api/v5/asset/deposit-history': {
    private: true,
    handler: (c) => page(c.scenario.deposits, (d) => String(d.ts), (d) => d.ts, c.query)
      .map((d) => ({ depId: d.id, ccy: d.ccy, amt: d.amt, state: d.state, txId: d.txId, ts: s(d.ts), chain: `${d.ccy}-TRC20` })),
  },
  '/api/v5/asset/withdrawal-history': {
    private: true,
    handler: (c) => page(c.scenario.withdrawals, (d) => String(d.ts), (d) => d.ts, c.query)
      .map((d) => ({ wdId: d.id, ccy: d.ccy, amt: d.amt, fee: d.fee, state: d.state, txId: d.txId, ts: s(d.ts), chain: `${d.ccy}-TRC20` })),
  },
  '/api/v5/account/bills': { private: true, handler: (c) => bills(c, 7 * DAY) },
  '/api/v5/account/positions-history': {
    private: true,
    handler: (c) => page(c.scenario.closedPositions.filter((p) => p.uTime >= c.now - 90 * DAY), (p) => String(p.uTime), (p) => p.uTime, c.query)
      .map((p) => ({ ...p, type: '2', lever: '10', ccy: 'USDT', mgnMode: 'cross', pnl: p.realizedPnl, cTime: s(p.cTime), uTime: s(p.uTime) })),
  },
  '/api/v5/account/bills-archive': { private: true, handler: (c) => bills(c, 90 * DAY) },
  '/api/v5/asset/bills': { private: true, handler: (c) => fundingBills(c, false) },
  '/api/v5/asset/bills-history': { private: true, handler: (c) => fundingBills(c, true) },
};
