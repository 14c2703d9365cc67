import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PnlDay } from '../../shared/trades.js';
import { Dec } from '../../electron/core/portfolio/decimal.js';
import { startHarness, type SyncHarness } from '../helpers/sync-harness.js';

// The small scenario with its whole history (test/fake-bybit/history-scenario.ts), synced
// once, then History's P&L per day. Derivatives by hand: closed P&L 9.8845 USDT (ETHUSDT,
// 35 days ago), 0.00058161 BTC (BTCUSD, 22 days ago, BTC then at 80,000: 46.5288 USDT) and
// −12.84375 USDT (200 days ago); funding −0.45 and +0.12 USDT (9 and 8 days ago); derivative
// fees 0.055 and 0.0605 USDT (40, 35 days ago), 0.00000688 and 0.00000655 BTC (25, 22 days
// ago, at 80,000: 0.5504 and 0.524), 4.675 USDT (10 days ago).
const DAY = 86_400_000;
const HOUR = 3_600_000;

describe('pnl:daily from a sync of the fake: spot, converts, closed P&L and funding per day', () => {
  let h: SyncHarness;
  let days: PnlDay[];
  const dayOf = (daysAgo: number, hours = 3) => new Date(h.server.now() - daysAgo * DAY + hours * HOUR).toISOString().slice(0, 10);
  const on = (daysAgo: number, hours = 3) => days.find((x) => x.day === dayOf(daysAgo, hours))!;

  beforeAll(async () => {
    h = await startHarness();
    const core = await h.core();
    expect((await core.sync.syncAll('test')).ok).toBe(true);
    days = await core.invoke('pnl:daily', { range: 'all' });
  });
  afterAll(async () => h.close());

  it('each derivative day: the closed P&L in USDT (an inverse contract\'s at its coin\'s price of that minute), funding and fees', () => {
    expect(on(200)).toMatchObject({ spot: '0', derivatives: '-12.84375', funding: '0', fees: '0', realised: '-12.84375', cumulative: '-12.84375', partial: false });
    expect(on(40)).toMatchObject({ derivatives: '0', funding: '0', fees: '0.055', realised: '0' });
    expect(on(35)).toMatchObject({ derivatives: '9.8845', funding: '0', fees: '0.0605', realised: '9.8845' });
    expect(on(25)).toMatchObject({ derivatives: '0', fees: '0.5504', realised: '0' });
    expect(on(22)).toMatchObject({ derivatives: '46.5288', fees: '0.524' });
    expect(on(10)).toMatchObject({ spot: '0', derivatives: '0', fees: '4.675', realised: '0' });
    expect(on(9, 0)).toMatchObject({ spot: '0', derivatives: '0', funding: '-0.45', fees: '0', realised: '0' });
    // Funding is listed, not added: the position's closed P&L deducts it once it closes.
    expect(on(8, 16)).toMatchObject({ funding: '0.12', realised: '0' });
  });

  it('spot days: the convert of USDC into USDT realises nothing; the BTC sale 30 days ago is unknown (BTC deposited without a cost), partial from then on', () => {
    expect(on(33)).toMatchObject({ spot: '0', derivatives: '0', funding: '0', fees: '0', realised: '0', partial: false });
    expect(on(35).partial).toBe(false);
    expect(on(30)).toMatchObject({ spot: '0', fees: '3.168', partial: true });
    expect(days.at(-1)!.partial).toBe(true);
  });

  it('the running total adds every day\'s spot and derivatives exactly; funding is beside it, not in it', () => {
    let sum = new Dec(0);
    for (const x of days) {
      expect(new Dec(x.realised).eq(new Dec(x.spot).plus(x.derivatives)), x.day).toBe(true);
      sum = sum.plus(x.realised);
      expect(x.cumulative, x.day).toBe(sum.toString());
    }
    const parts = (k: 'derivatives' | 'funding') => days.reduce((s, x) => s.plus(x[k]), new Dec(0)).toString();
    expect([parts('derivatives'), parts('funding')]).toEqual(['43.56955', '-0.33']);
  });
});
