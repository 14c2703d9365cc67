import type { z } from 'zod';
import type { BybitApi } from './bybit-api.js';
import type { WindowPlan } from './bybit-fills.js';

type Params = Record<string, string | number>;

/** One windowed, cursor-paged Bybit list endpoint. */
export interface WindowedList<R extends { nextPageCursor?: string | undefined }, T> {
  path: string;
  /** Names the data in errors ("the deposit history"). */
  what: string;
  params: Params;
  /** Largest page the endpoint allows. */
  limit: number;
  schema: z.ZodType<R>;
  items: (result: R) => T[];
}

/** Every page of one window. */
async function readWindow<R extends { nextPageCursor?: string | undefined }, T>(api: BybitApi, spec: WindowedList<R, T>, start: number, end: number): Promise<T[]> {
  const rows: T[] = [];
  let cursor = '';
  do {
    const params: Params = { ...spec.params, startTime: start, endTime: end, limit: spec.limit };
    if (cursor) params.cursor = cursor;
    const { result } = await api.privateGet(spec.path, params, spec.schema, spec.what);
    rows.push(...spec.items(result));
    cursor = result.nextPageCursor ?? '';
  } while (cursor);
  return rows;
}

/**
 * Reads every window of the plan, all at once: the API's per-endpoint gate paces them
 * at Bybit's rate. With `probeFirst`, the newest window is read alone first, so an
 * endpoint the key may not read costs one refused request, not one per window.
 */
export async function readWindows<R extends { nextPageCursor?: string | undefined }, T>(api: BybitApi, plan: WindowPlan, spec: WindowedList<R, T>, probeFirst = false): Promise<T[]> {
  const [first, ...rest] = plan.windows;
  if (!first) return [];
  const read = async (w: { start: number; end: number }) => {
    const rows = await readWindow(api, spec, w.start, w.end);
    plan.onWindow?.();
    return rows;
  };
  if (!probeFirst) return (await Promise.all(plan.windows.map(read))).flat();
  const newest = await read(first);
  const older = await Promise.all(rest.map(read));
  return [newest, ...older].flat();
}

/** Drops records seen twice (window edges, the re-read overlap). */
export function uniqueBy<T>(rows: readonly T[], key: (row: T) => string): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = key(r);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
