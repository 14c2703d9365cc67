import { z } from 'zod';
import { DISPLAY_CURRENCIES } from '../../../shared/domain.js';

/** Exchange ids are ccxt ids: lower-case letters and digits. */
export const exchangeIdSchema = z.string().trim().regex(/^[a-z][a-z0-9]{1,31}$/, 'an exchange id such as "bybit"');
export const accountIdSchema = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'letters, digits, "_", "-" or "." (at most 64)');
const httpUrl = z.string().trim().url().refine((u) => /^https?:\/\//.test(u), 'an http(s) URL');

export const accountSettingsSchema = z.object({
  exchangeId: exchangeIdSchema,
  id: accountIdSchema.default('default'),
  label: z.string().trim().max(80).nullable().default(null),
  enabled: z.boolean().default(true),
  testnet: z.boolean().default(false),
  /** Bybit demo trading (api-demo); exclusive with testnet. */
  demo: z.boolean().default(false),
  apiUrl: httpUrl.nullable().default(null),
  testnetApiUrl: httpUrl.nullable().default(null),
});

export const databaseSettingsSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('embedded') }),
  z.object({
    mode: z.literal('external'),
    url: z.string().trim().min(1),
    sslMode: z.enum(['disable', 'require', 'verify-full']).default('disable'),
    caFile: z.string().trim().min(1).nullable().default(null),
  }),
]);

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/**
 * The settings file (`<DATA_DIR>/settings.json`); the Electron shell stores the same
 * shape through electron-store using the JSON Schema derived from this one.
 * Secrets never live here: keys are in the OS keychain or the environment.
 */
export const settingsSchema = z.object({
  version: z.literal(1).default(1),
  sync: z.object({
    enabled: z.boolean().default(true),
    intervalMinutes: z.number().int().min(1).max(24 * 60).default(30),
  }).default({ enabled: true, intervalMinutes: 30 }),
  accounts: z.array(accountSettingsSchema).max(50).default([])
    .refine((list) => new Set(list.map((a) => `${a.exchangeId}:${a.id}`)).size === list.length, 'two accounts share one exchange and id'),
  database: databaseSettingsSchema.default({ mode: 'embedded' }),
  quoteCurrency: z.literal('USDT').default('USDT'),
  /** What figures are shown in; stored figures stay USDT. */
  displayCurrency: z.enum(DISPLAY_CURRENCIES).default('USDT'),
  /**
   * How a deposit enters the average entry price: 'unknown' (the holding's average stays
   * that of the trades and says partial) or 'market' (at the USDT price of the deposit's
   * minute, as cloud trackers do).
   */
  depositCostBasis: z.enum(['unknown', 'market']).default('unknown'),
  launchAtLogin: z.boolean().default(false),
  notifications: z.object({ enabled: z.boolean().default(true) }).default({ enabled: true }),
  logLevel: z.enum(LOG_LEVELS).default('info'),
});

export type Settings = z.infer<typeof settingsSchema>;
export type AccountSettings = z.infer<typeof accountSettingsSchema>;
export type DatabaseSettings = z.infer<typeof databaseSettingsSchema>;

export function defaultSettings(): Settings {
  return settingsSchema.parse({});
}
