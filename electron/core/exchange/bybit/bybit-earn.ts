import type { z } from 'zod';
import { dec } from '../../portfolio/decimal.js';
import type { BalanceRow } from '../types.js';
import type { earnPositionSchema } from './bybit-schemas.js';

/** Bybit's Earn product categories we read, and the wallet type each is stored as. */
export const EARN_CATEGORIES = { FlexibleSaving: 'EARN_FLEXIBLE', OnChain: 'EARN_ONCHAIN' } as const;
export type EarnCategory = keyof typeof EARN_CATEGORIES;

/**
 * Earn positions as balance rows. Fully redeemed positions (amount 0) are left out;
 * several products of one coin add up. A row naming a category we do not know keeps
 * that raw category as its wallet type (`EARN:<category>`) and is reported in
 * `unknown`, so its coins still count.
 */
export function parseEarnPositions(result: z.infer<typeof earnPositionSchema>, asked: EarnCategory): { rows: BalanceRow[]; unknown: string[] } {
  const sums = new Map<string, { wallet: string; asset: string; quantity: ReturnType<typeof dec> }>();
  const unknown = new Set<string>();
  for (const p of result.list) {
    const amount = dec(p.amount);
    if (amount.isZero()) continue;
    const category = p.category && p.category !== '' ? p.category : asked;
    const known = (EARN_CATEGORIES as Record<string, string | undefined>)[category];
    if (!known) unknown.add(category);
    const wallet = known ?? `EARN:${category}`;
    const key = `${wallet}\u0000${p.coin}`;
    const prev = sums.get(key);
    sums.set(key, { wallet, asset: p.coin, quantity: prev ? prev.quantity.plus(amount) : amount });
  }
  return { rows: [...sums.values()].map((r) => ({ wallet: r.wallet, asset: r.asset, quantity: r.quantity.toString() })), unknown: [...unknown] };
}
