/** A tiny typed publish/subscribe; the shell and `serve` forward these to windows. */
export interface EventBus<Events extends object> {
  on<K extends keyof Events>(event: K, listener: (payload: Events[K]) => void): () => void;
  emit<K extends keyof Events>(event: K, payload: Events[K]): void;
}

export function createEventBus<Events extends object>(onListenerError: (e: unknown) => void = () => {}): EventBus<Events> {
  const listeners = new Map<keyof Events, Set<(payload: never) => void>>();
  return {
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: never) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: never) => void);
    },
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) {
        // One failing subscriber (a closed window) must not stop the others or the sync.
        try {
          (l as (p: typeof payload) => void)(payload);
        } catch (e) {
          onListenerError(e);
        }
      }
    },
  };
}
