import type { SyncProgress } from '../../shared/domain.js';

/**
 * Turns a sync's progress events into the few lines a terminal or a log wants: only a
 * long import speaks (a two-year first sync takes minutes), once as it starts and at
 * each tenth of its windows; a warm sync stays quiet.
 */
export function progressLines(write: (line: string) => void): (p: SyncProgress) => void {
  const lastTenth = new Map<string, number>();
  return (p) => {
    if (p.step !== 'fills' || p.total === null || p.total === 0 || !/^Importing/.test(p.message)) return;
    const key = `${p.exchangeId}/${p.account}`;
    const tenth = Math.floor((p.done * 10) / p.total);
    if (lastTenth.get(key) === tenth) return;
    lastTenth.set(key, tenth);
    write(`${key}: ${p.message.toLowerCase()}: ${tenth * 10}% (${p.done.toLocaleString('en')} of ${p.total.toLocaleString('en')} windows)`);
  };
}
