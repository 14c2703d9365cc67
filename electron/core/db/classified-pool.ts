import pg from 'pg';
import type { QueryConfig, QueryConfigValues, QueryResult, QueryResultRow, Submittable } from 'pg';
import { AppError } from '../errors.js';
import type { DatabaseErrorContext } from './errors.js';
import { DatabaseError } from './errors.js';

/** Turns whatever pg threw into a classified database error; `context` says when it happened. */
export type ClassifyDatabaseFailure = (err: unknown, context: DatabaseErrorContext) => AppError;

export interface ClassifiedPoolOptions {
  config: pg.PoolConfig;
  classify: ClassifyDatabaseFailure;
  /** Where new connections go, when the server can move (the built-in one, restarted on another port). */
  endpoint?: () => { host: string; port: number };
  /**
   * Called when a connection could not be made or was lost; resolves true when the server
   * was brought back, and the connect is then tried once more.
   */
  recover?: () => Promise<boolean>;
}

type Callback = (err: Error | null | undefined, ...rest: unknown[]) => void;

/**
 * A `pg.Pool` whose failures leave as classified errors (errorClass 'database'), decided
 * from the SQLSTATE or socket code and from when they happened, so no caller has to guess
 * from a message: `pool.connect()`, `pool.query()` and every query of a checked-out
 * client. A one-statement `pool.query` whose connection turns out to be dead (the
 * server restarted, or terminated idle sessions, before the pool heard of it) is tried
 * once more on a fresh connection. Stream (Submittable) and callback forms pass through
 * unchanged: the core uses neither.
 */
export function createClassifiedPool(opts: ClassifiedPoolOptions): pg.Pool {
  const { classify, endpoint, recover } = opts;
  const connectTimeoutMs = opts.config.connectionTimeoutMillis ?? 0;

  class ClassifiedClient extends pg.Client {
    // The pool constructs its clients with its own options, whose password it keeps
    // non-enumerable: a spread alone would lose it.
    constructor(config?: string | pg.ClientConfig) {
      super(endpoint && typeof config === 'object' ? { ...config, password: config.password, ...endpoint() } : config);
    }

    override query<T extends Submittable>(queryStream: T): T;
    override query<R extends QueryResultRow = QueryResultRow, I = unknown[]>(queryTextOrConfig: string | QueryConfig<I>, values?: QueryConfigValues<I>): Promise<QueryResult<R>>;
    override query(text: string | QueryConfig, values: unknown, callback: Callback): void;
    override query(...args: unknown[]): unknown {
      const result = (super.query as (...a: unknown[]) => unknown)(...args);
      if (!(result instanceof Promise)) return result;
      return result.catch((e: unknown) => { throw classify(e, { phase: 'query' }); });
    }
  }

  class ClassifiedPool extends pg.Pool {
    override connect(): Promise<pg.PoolClient>;
    override connect(callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
    override connect(...args: unknown[]): unknown {
      if (typeof args[0] === 'function') return (super.connect as (...a: unknown[]) => unknown)(...args);
      return this.connectOnce(recover !== undefined);
    }

    private async connectOnce(mayRecover: boolean): Promise<pg.PoolClient> {
      const began = Date.now();
      try {
        return await super.connect();
      } catch (e) {
        const error = classify(e, { phase: 'connect', timedOut: connectTimeoutMs > 0 && Date.now() - began >= connectTimeoutMs });
        if (mayRecover && serverUnreachable(error) && (await recover?.())) return this.connectOnce(false);
        throw error;
      }
    }

    override query<T extends Submittable>(queryStream: T): T;
    override query<R extends QueryResultRow = QueryResultRow, I = unknown[]>(queryTextOrConfig: string | QueryConfig<I>, values?: QueryConfigValues<I>): Promise<QueryResult<R>>;
    override query(text: string | QueryConfig, values: unknown, callback: Callback): void;
    override query(...args: unknown[]): unknown {
      const first = args[0] as { submit?: unknown } | null | undefined;
      if (typeof args.at(-1) === 'function' || typeof first?.submit === 'function') return (super.query as (...a: unknown[]) => unknown)(...args);
      return this.queryOnce(args, true);
    }

    private async queryOnce(args: unknown[], mayRetry: boolean): Promise<unknown> {
      const client = await this.connect();
      try {
        const result = await (client.query as (...a: unknown[]) => Promise<unknown>)(...args);
        client.release();
        return result;
      } catch (e) {
        const error = e instanceof AppError ? e : classify(e, { phase: 'query' });
        // A connection whose failure was not the statement's own is not handed out again.
        client.release(statementFailed(error) ? undefined : true);
        if (mayRetry && connectionWasDead(error)) return this.queryOnce(args, false);
        if (serverUnreachable(error)) void recover?.();
        throw error;
      }
    }
  }

  return new ClassifiedPool({ ...opts.config, Client: ClassifiedClient });
}

// The server ran the statement and refused it (syntax, constraint, privilege, timeout):
// the connection itself is fine.
function statementFailed(e: AppError): boolean {
  return e instanceof DatabaseError && (e.kind === 'query' || e.kind === 'permission');
}

// The statement never ran: the connection was cut or the server is going away.
function connectionWasDead(e: AppError): boolean {
  return e instanceof DatabaseError && (e.kind === 'connection-lost' || e.kind === 'shutdown');
}

// The server may be gone: worth checking whether it must be started again.
function serverUnreachable(e: AppError): boolean {
  return e instanceof DatabaseError && ['connection', 'connection-lost', 'timeout', 'shutdown'].includes(e.kind);
}
