/**
 * The state of the link to the core, for a banner:
 * - `connecting`: the first connection is being made;
 * - `open`: calls and events flow;
 * - `closed`: the connection failed or was lost; it is retried in the background;
 * - `unauthorized`: the server refused the token (an old or mistyped link); not retried:
 *   open the link `alphapulse-sync serve` printed.
 */
export type ConnectionStatus = 'connecting' | 'open' | 'closed' | 'unauthorized';

/** A tiny observable value, shaped for React's useSyncExternalStore. */
export interface ConnectionState {
  get(): ConnectionStatus;
  subscribe(listener: () => void): () => void;
}

/** A state that can be changed by its owner (the WebSocket client). */
export interface MutableConnectionState extends ConnectionState {
  set(status: ConnectionStatus): void;
}

export function createConnectionState(initial: ConnectionStatus): MutableConnectionState {
  let status = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    set(next) {
      if (next === status) return;
      status = next;
      for (const l of [...listeners]) l();
    },
  };
}
