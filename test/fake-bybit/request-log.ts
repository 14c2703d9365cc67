// Every request the fake answered (control calls excepted), for tests and the benchmark.

/** One logged request. */
export interface RequestLogEntry {
  seq: number;
  method: string;
  path: string;
  query: Record<string, string>;
  /** The X-BAPI-API-KEY sent (the key id, never the secret); null on public calls. */
  apiKey: string | null;
  /** HTTP status; 0 when the connection was reset or never answered. */
  status: number;
  /** Bybit retCode of a JSON answer; null for non-JSON answers and dropped connections. */
  retCode: number | null;
  /** The injected fault that shaped this answer, if any. */
  fault: string | null;
  startedAt: number;
  /** When the answer was written (or the connection closed); null while still pending. */
  finishedAt: number | null;
}

export class RequestLog {
  readonly entries: RequestLogEntry[] = [];
  private seq = 0;

  start(method: string, path: string, query: Record<string, string>, apiKey: string | null): RequestLogEntry {
    const entry: RequestLogEntry = {
      seq: ++this.seq,
      method,
      path,
      query,
      apiKey,
      status: 0,
      retCode: null,
      fault: null,
      startedAt: Date.now(),
      finishedAt: null,
    };
    this.entries.push(entry);
    return entry;
  }

  clear(): void {
    // In place: callers may hold the array from `server.requests`.
    this.entries.length = 0;
  }

  countsByPath(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const e of this.entries) counts[e.path] = (counts[e.path] ?? 0) + 1;
    return counts;
  }

  count(path?: string): number {
    return path === undefined ? this.entries.length : this.entries.filter((e) => e.path === path).length;
  }
}

export function finish(entry: RequestLogEntry, status: number, retCode: number | null): void {
  entry.status = status;
  entry.retCode = retCode;
  entry.finishedAt = Date.now();
}
