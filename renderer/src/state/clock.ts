/**
 * One shared 1-second ticker for every live age and countdown on screen: a single timer
 * however many are shown, running only while something listens.
 */
export interface Clock {
  subscribe(listener: () => void): () => void;
  now(): number;
}

export function createClock(intervalMs = 1000, timers: { set: (fn: () => void, ms: number) => unknown; clear: (id: unknown) => void; now: () => number } = {
  set: (fn, ms) => setInterval(fn, ms),
  clear: (id) => clearInterval(id as ReturnType<typeof setInterval>),
  now: () => Date.now(),
}): Clock {
  const listeners = new Set<() => void>();
  let timer: unknown = null;
  let current = timers.now();
  const tick = () => {
    current = timers.now();
    for (const l of [...listeners]) l();
  };
  return {
    subscribe(listener) {
      listeners.add(listener);
      if (timer === null) {
        current = timers.now();
        timer = timers.set(tick, intervalMs);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer !== null) {
          timers.clear(timer);
          timer = null;
        }
      };
    },
    // A stable value between ticks, as useSyncExternalStore requires; without a timer
    // running, the time to the whole second (so a first render is not stale yet repeated reads agree).
    now() {
      if (timer === null) current = Math.floor(timers.now() / 1000) * 1000;
      return current;
    },
  };
}

export const secondClock = createClock();
