import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { configError } from '../errors.js';

/** The slice of a ccxt exchange instance the core uses; ccxt's own types are too wide to pass around. */
export interface CcxtExchange {
  id: string;
  urls: { api: Record<string, string> | string; test?: Record<string, string> | string };
  options: Record<string, unknown>;
  apiKey: string;
  secret: string;
  password?: string;
  timeout: number;
  enableRateLimit: boolean;
  verbose: boolean;
  returnResponseHeaders: boolean;
  setSandboxMode(enabled: boolean): void;
  enableDemoTrading?(enabled: boolean): void;
  // Implicit and unified API methods are looked up by name.
  [method: string]: unknown;
}

export type CcxtExchangeClass = new (config: Record<string, unknown>) => CcxtExchange;

export interface CcxtLoader {
  /** Whether ccxt knows this exchange id (no import needed to tell). */
  has(exchangeId: string): boolean;
  load(exchangeId: string): Promise<CcxtExchangeClass>;
}

/**
 * Imports one exchange's class from ccxt's per-file ESM build instead of the package
 * entry point: `import 'ccxt'` loads all ~100 exchanges (~100 MB, ~0.8 s here); one
 * exchange costs a fraction. ccxt's "exports" map hides the files, so the path is
 * resolved from the package folder.
 */
export function createCcxtLoader(): CcxtLoader {
  const require = createRequire(import.meta.url);
  const root = path.dirname(path.dirname(require.resolve('ccxt')));
  const srcDir = path.join(root, 'js', 'src');
  const cache = new Map<string, Promise<CcxtExchangeClass>>();
  const fileOf = (id: string) => path.join(srcDir, `${id}.js`);
  const has = (id: string) => /^[a-z][a-z0-9]*$/.test(id) && fs.existsSync(fileOf(id));
  return {
    has,
    load(id) {
      if (!has(id)) {
        return Promise.reject(configError(`"${id}" is not an exchange ccxt knows`, 'Use a ccxt exchange id such as "bybit", "okx" or "kraken".'));
      }
      let loading = cache.get(id);
      if (!loading) {
        loading = import(pathToFileURL(fileOf(id)).href).then((m: { default: CcxtExchangeClass }) => m.default);
        cache.set(id, loading);
      }
      return loading;
    },
  };
}
