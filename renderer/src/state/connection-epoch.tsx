import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useConnectionState } from '../api/index.js';

/**
 * Counts how often the connection to the core has opened: 0 before the first time.
 * Every query loads when it turns 1 and loads again after a reconnect, because events
 * pushed while the connection was down are lost.
 */
const EpochContext = createContext(0);

export function ConnectionEpochProvider({ children }: { children: ReactNode }) {
  const state = useConnectionState();
  const [epoch, setEpoch] = useState(0);
  const wasOpen = useRef(false);
  useEffect(() => {
    const open = state === 'open';
    if (open && !wasOpen.current) setEpoch((n) => n + 1);
    wasOpen.current = open;
  }, [state]);
  return <EpochContext.Provider value={epoch}>{children}</EpochContext.Provider>;
}

export function useConnectionEpoch(): number {
  return useContext(EpochContext);
}
