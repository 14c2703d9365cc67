import type { OkxApi } from './okx-api.js';
import { accountConfigSchema, type OkxAccountConfig } from './okx-schemas.js';

export const OKX_KEY_INFO_PATH = 'account/config';

/** The key's permissions, bound IPs and the account's mode, from `GET /api/v5/account/config`. */
export async function fetchOkxKeyInfo(api: OkxApi): Promise<OkxAccountConfig> {
  const [config] = await api.privateGet(OKX_KEY_INFO_PATH, {}, accountConfigSchema, 'the API key details');
  return config!;
}

const ACCOUNT_LEVELS: Record<string, string> = { '1': 'spot', '2': 'spot-and-futures', '3': 'multi-currency-margin', '4': 'portfolio-margin' };

/** OKX's account mode (`acctLv`) in words; unknown levels keep their number. */
export function okxAccountMode(config: Pick<OkxAccountConfig, 'acctLv'>): string {
  return ACCOUNT_LEVELS[config.acctLv] ?? `level-${config.acctLv}`;
}

/** Permissions as a list: "read_only", "trade", "withdraw". */
export function okxPermissions(config: Pick<OkxAccountConfig, 'perm'>): string[] {
  return config.perm.split(',').map((p) => p.trim()).filter(Boolean);
}

/** The IPs the key is bound to; empty when it is not bound. */
export function okxBoundIps(config: Pick<OkxAccountConfig, 'ip'>): string[] {
  return (config.ip ?? '').split(',').map((p) => p.trim()).filter(Boolean);
}
