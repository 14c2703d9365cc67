// Faults injected on demand, per path (or every path), for N requests or until cleared.

/** What goes wrong. Flat JSON so the same shape works over POST /__control/faults. */
export type FaultAction =
  /** Extra delay; the request is then answered normally. */
  | { kind: 'latency'; ms: number }
  /** HTTP 200 with this retCode (10006 also gets limit headers with status 0). */
  | { kind: 'retCode'; retCode: number; retMsg?: string }
  /** HTTP error: 403 is Bybit's plain-text IP ban, 5xx an HTML error page; `body` overrides. */
  | { kind: 'http'; status: number; body?: string }
  /** The socket is destroyed without an answer. */
  | { kind: 'reset' }
  /** No answer at all until the client gives up (or the server closes). */
  | { kind: 'hang' }
  /** HTTP 200 whose body is not valid JSON. */
  | { kind: 'malformedJson' }
  /** HTTP 200 whose JSON body is cut off halfway. */
  | { kind: 'truncatedJson' }
  /** The normal answer minus one field, by dotted path, e.g. "result.list". */
  | { kind: 'missingField'; field: string };

/** One injected fault. */
export type FaultSpec = FaultAction & {
  /** Exact request path such as "/v5/execution/list"; omitted or "*" = every path. */
  path?: string;
  /** Only requests whose query has these values. */
  query?: Record<string, string>;
  /** How many matching requests it hits; omitted = until cleared. */
  times?: number;
};

/** A registered fault with its id and how many hits it has left. */
export type ActiveFault = FaultSpec & { id: number; remaining: number | null };

export class FaultRegistry {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): number {
    const id = this.nextId++;
    this.faults.push({ ...spec, id, remaining: spec.times ?? null });
    return id;
  }

  clear(id?: number): void {
    this.faults = id === undefined ? [] : this.faults.filter((f) => f.id !== id);
  }

  list(): ActiveFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /**
   * Consumes the faults that hit this request: every matching latency fault (their delays
   * add up) and then the first matching fault of any other kind, which decides the answer.
   */
  take(path: string, query: Record<string, string>): { delayMs: number; fault: FaultAction | null } {
    let delayMs = 0;
    for (const f of this.faults) {
      if (!matches(f, path, query)) continue;
      consume(f);
      if (f.kind === 'latency') {
        delayMs += f.ms;
        continue;
      }
      this.prune();
      return { delayMs, fault: f };
    }
    this.prune();
    return { delayMs, fault: null };
  }

  private prune(): void {
    this.faults = this.faults.filter((f) => f.remaining === null || f.remaining > 0);
  }
}

function matches(f: ActiveFault, path: string, query: Record<string, string>): boolean {
  if (f.remaining !== null && f.remaining <= 0) return false;
  if (f.path !== undefined && f.path !== '*' && f.path !== path) return false;
  return Object.entries(f.query ?? {}).every(([k, v]) => query[k] === v);
}

function consume(f: ActiveFault): void {
  if (f.remaining !== null) f.remaining -= 1;
}

/** Removes a dotted path ("result.list") from a JSON value in place. */
export function deleteField(target: unknown, dotted: string): void {
  const parts = dotted.split('.');
  const last = parts.pop();
  let node: unknown = target;
  for (const part of parts) {
    if (typeof node !== 'object' || node === null) return;
    node = (node as Record<string, unknown>)[part];
  }
  if (last !== undefined && typeof node === 'object' && node !== null) {
    delete (node as Record<string, unknown>)[last];
  }
}

/** Valid JSON made invalid the way a broken proxy does: an unquoted key. */
export function malformJson(json: string): string {
  return json.replace('"retMsg"', 'retMsg');
}

export function truncateJson(json: string): string {
  return json.slice(0, Math.max(1, Math.floor(json.length / 2)));
}

/** Rejects control-endpoint input that is not a FaultSpec. */
export function parseFaultSpec(input: unknown): FaultSpec {
  if (typeof input !== 'object' || input === null) throw new Error('fault must be an object');
  const spec = input as Record<string, unknown>;
  const kinds = ['latency', 'retCode', 'http', 'reset', 'hang', 'malformedJson', 'truncatedJson', 'missingField'];
  if (typeof spec.kind !== 'string' || !kinds.includes(spec.kind)) {
    throw new Error(`fault kind must be one of ${kinds.join(', ')}`);
  }
  const numeric: Record<string, string> = { latency: 'ms', retCode: 'retCode', http: 'status' };
  const needed = numeric[spec.kind];
  if (needed !== undefined && typeof spec[needed] !== 'number') throw new Error(`fault ${spec.kind} needs a numeric ${needed}`);
  if (spec.kind === 'missingField' && typeof spec.field !== 'string') throw new Error('fault missingField needs field');
  if (spec.times !== undefined && typeof spec.times !== 'number') throw new Error('times must be a number');
  return spec as FaultSpec;
}
