import type { FillsState, ProgressSink } from '../types.js';
import type { OkxApi } from './okx-api.js';
import { fillsSchema, type OkxFillRaw } from './okx-schemas.js';

const DAY = 86_400_000;
/** fills-history reaches three months back; stay an hour inside so the edge is never refused. */
export const OKX_HISTORY_MS = 90 * DAY - 3_600_000;
/** Fills can show up a little late; each incremental read re-reads this much (deduplicated). */
const OVERLAP_MS = 5 * 60_000;
const PAGE = 100;

/**
 * Spot fills since the cursor (all three months on the first sync), newest first,
 * paging with `after` = the oldest bill id seen until a page comes back short. A sync
 * with nothing new is one request.
 */
export async function fetchOkxSpotFills(api: OkxApi, state: FillsState, serverNow: number, onProgress: ProgressSink): Promise<{ rows: OkxFillRaw[]; next: FillsState }> {
  return fetchOkxFills(api, 'SPOT', state, serverNow, onProgress);
}

/** Fills of one instrument type (SPOT, SWAP, FUTURES, MARGIN) since the cursor, as above. */
export async function fetchOkxFills(api: OkxApi, instType: string, state: FillsState, serverNow: number, onProgress: ProgressSink = () => undefined): Promise<{ rows: OkxFillRaw[]; next: FillsState }> {
  const cold = state.cursor === null || state.historyStart === null;
  const floor = serverNow - OKX_HISTORY_MS;
  const begin = cold ? floor : Math.max(floor, state.cursor!.getTime() - OVERLAP_MS);
  onProgress({ step: 'fills', done: 0, total: null, message: cold ? 'Importing trade history' : 'Reading new trades' });
  const rows: OkxFillRaw[] = [];
  let after = '';
  for (;;) {
    const params: Record<string, string | number> = { instType, begin, end: serverNow, limit: PAGE };
    if (after) params.after = after;
    const page = await api.privateGet('trade/fills-history', params, fillsSchema, instType === 'SPOT' ? 'the trade history' : `the ${instType} trade history`);
    rows.push(...page);
    onProgress({ step: 'fills', done: rows.length, total: null, message: 'Importing trade history' });
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.billId;
  }
  const seen = new Set<string>();
  const unique = rows.filter((r) => !seen.has(r.billId) && seen.add(r.billId));
  return { rows: unique, next: { cursor: new Date(serverNow), historyStart: cold ? new Date(floor) : state.historyStart } };
}
