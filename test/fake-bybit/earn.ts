// GET /v5/earn/position: Flexible Saving and On-chain staked positions.
import { isZero } from './decimal.js';
import { paramsError } from './envelope.js';
import type { HandlerContext } from './route-types.js';
import type { EarnPosition } from './scenario-types.js';

const CATEGORIES = ['FlexibleSaving', 'OnChain'];

function view(p: EarnPosition, index: number, now: number): Record<string, string> {
  const onChain = p.category === 'OnChain';
  const row: Record<string, string> = {
    coin: p.coin,
    productId: p.productId,
    amount: p.amount,
    totalPnl: onChain ? (p.totalPnl ?? '0') : '',
    claimableYield: onChain ? '' : (p.claimableYield ?? '0'),
    // Position, order and time fields are filled for On-chain only.
    id: onChain ? String(7_000_000 + index) : '',
    status: onChain ? (p.status ?? 'Active') : '',
    orderId: onChain ? `earn-order-${index}` : '',
    estimateRedeemTime: '',
    estimateStakeTime: onChain ? String(now - 86_400_000) : '',
    estimateInterestCalculationTime: onChain ? String(now) : '',
    settlementTime: '',
  };
  if (p.rowCategory !== undefined) row.category = p.rowCategory;
  return row;
}

export function earnPosition(ctx: HandlerContext): unknown {
  const category = ctx.query.category;
  if (!category) throw paramsError('params error: category is required');
  if (!CATEGORIES.includes(category)) throw paramsError('Illegal category');
  const { productId, coin } = ctx.query;
  const list = (ctx.scenario.earn ?? [])
    .map((p, index) => ({ p, index }))
    .filter(({ p }) => p.category === category)
    // On-chain lists active positions only; Flexible Saving keeps redeemed ones (amount 0).
    .filter(({ p }) => category !== 'OnChain' || !isZero(p.amount))
    .filter(({ p }) => (productId ? p.productId === productId : true) && (coin ? p.coin === coin : true));
  return { list: list.map(({ p, index }) => view(p, index, ctx.now)) };
}
