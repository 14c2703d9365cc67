import type { CostFill } from '../../../electron/core/portfolio/cost-basis.js';
import { dec, decOrNull } from '../../../electron/core/portfolio/decimal.js';

/** Compact fill for table tests: strings in, decimals out; time defaults to the call order. */
export interface FillSpec {
  id?: string;
  at?: number;
  side: 'buy' | 'sell';
  symbol: string;
  price: string;
  qty: string;
  fee?: string;
  feeCcy?: string;
  rate?: string;
  feeRate?: string;
}

let counter = 0;

export function fill(spec: FillSpec): CostFill {
  counter += 1;
  const [base, quote] = spec.symbol.split('/') as [string, string];
  return {
    id: spec.id ?? `f${String(counter).padStart(6, '0')}`,
    executedAt: new Date(Date.UTC(2025, 0, 1) + (spec.at ?? counter) * 60_000),
    base,
    quote,
    side: spec.side,
    price: dec(spec.price),
    quantity: dec(spec.qty),
    fee: decOrNull(spec.fee),
    feeCurrency: spec.feeCcy ?? null,
    quoteUsdtRate: decOrNull(spec.rate),
    feeUsdtRate: decOrNull(spec.feeRate),
  };
}

export function fills(...specs: FillSpec[]): CostFill[] {
  return specs.map(fill);
}
