import { useSyncExternalStore } from 'react';
import { secondClock } from './clock.js';

/** The current time in ms, updated every second; only the component using it re-renders. */
export function useNow(): number {
  return useSyncExternalStore(secondClock.subscribe, secondClock.now);
}
