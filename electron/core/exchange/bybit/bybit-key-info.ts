import { z } from 'zod';
import type { BybitApi } from './bybit-api.js';

/** `GET /v5/user/query-api`: what Bybit says about the key making the request. */
export const KEY_INFO_PATH = 'v5/user/query-api';
export const KEY_INFO_WHAT = 'the API key details';

/**
 * The key's details: read-only or not, its permissions, the IPs it is bound to, when
 * it expires, and whether the account is a Unified Trading Account (`uta`, or
 * `unified` in older answers).
 */
export const keyInfoSchema = z.object({
  readOnly: z.union([z.number(), z.string()]),
  permissions: z.record(z.string(), z.array(z.string())).optional(),
  ips: z.array(z.string()).optional(),
  expiredAt: z.string().optional(),
  deadlineDay: z.union([z.number(), z.string()]).optional(),
  uta: z.union([z.number(), z.string()]).optional(),
  unified: z.union([z.number(), z.string()]).optional(),
});

/** The key's details as Bybit reports them. */
export type KeyInfo = z.infer<typeof keyInfoSchema>;

/** Reads the key's details through the API's pacing, retries and signal. */
export async function fetchKeyInfo(api: BybitApi): Promise<KeyInfo> {
  return (await api.privateGet(KEY_INFO_PATH, {}, keyInfoSchema, KEY_INFO_WHAT)).result;
}

/** 'unified' or 'classic' from the key's details; null when the answer does not say. */
export function accountModeOf(info: Pick<KeyInfo, 'uta' | 'unified'>): 'unified' | 'classic' | null {
  const uta = info.uta ?? info.unified;
  if (uta === undefined) return null;
  return String(uta) === '1' ? 'unified' : 'classic';
}

export function isReadOnly(info: Pick<KeyInfo, 'readOnly'>): boolean {
  return String(info.readOnly) === '1';
}

/**
 * When the key expires; null when it never does. Bybit reports a key that never
 * expires (bound to an IP address) with deadlineDay -2 and the epoch as its expiry.
 */
export function keyExpiry(info: Pick<KeyInfo, 'expiredAt' | 'deadlineDay'>): Date | null {
  if (info.deadlineDay !== undefined && Number(info.deadlineDay) === -2) return null;
  const at = Date.parse(info.expiredAt ?? '');
  return Number.isFinite(at) && at > 0 ? new Date(at) : null;
}
