import type { FakeBybitServer } from '../../test/fake-bybit/index.js';
import type { ServeChild } from './serve-child.js';

/** What every row can use: the running serve, the two fake exchanges, a scratch folder. */
export interface AttackContext {
  serve: ServeChild;
  /** Where the environment account's key belongs. */
  home: FakeBybitServer;
  /** The host nobody's key may reach. */
  other: FakeBybitServer;
  /** The environment account's key id (what the fake logs as X-BAPI-API-KEY). */
  envKey: string;
  envSecret: string;
  scratchDir: string;
  /** Env for one-off CLI runs (fresh DATA_DIR, no database needed for config errors). */
  cliEnv: Record<string, string>;
}

/** One line of the matrix. */
export interface RowResult {
  row: string;
  held: boolean;
  figures: string;
}

export type Row = (ctx: AttackContext) => Promise<RowResult>;
