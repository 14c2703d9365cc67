import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { ApiChannel, ApiEvents, ApiInput, ApiReply, ApiResults } from '../../shared/api.js';
import { IPC_CHANNELS, type EventMessage } from './ipc-channels.js';

type InputArgs<K extends ApiChannel> = undefined extends ApiInput<K> ? [input?: ApiInput<K>] : [input: ApiInput<K>];
type Listener = (payload: unknown) => void;

/**
 * The object the preload exposes as `window.api`: exactly the shared/api.ts surface, a
 * typed `invoke` for every call and `on` for every event. The page never sees
 * ipcRenderer or an IPC event object, only results and payloads.
 */
export function createRendererApi(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'send'>, defer: (fn: () => void) => void = (fn) => setTimeout(fn, 0)) {
  const listeners = new Map<string, Set<Listener>>();
  let readySent = false;
  ipc.on(IPC_CHANNELS.event, (_event: IpcRendererEvent, message: unknown) => {
    if (!isEventMessage(message)) return;
    for (const listener of listeners.get(message.event) ?? []) {
      // One broken listener must not keep the event from the others.
      try {
        listener(message.payload);
      } catch (e) {
        console.error(`api.on('${message.event}') listener failed`, e);
      }
    }
  });
  return {
    /** Calls the core; rejects with an ApiError ({errorClass, message, recommendation}), never a raw exception. */
    async invoke<K extends ApiChannel>(channel: K, ...input: InputArgs<K>): Promise<ApiResults[K]> {
      const reply = (await ipc.invoke(IPC_CHANNELS.invoke, channel, input[0])) as ApiReply;
      if (reply.ok) return reply.value as ApiResults[K];
      // A plain object survives the context bridge whole; an Error would keep only its message.
      return Promise.reject(reply.error);
    },
    /**
     * Subscribes to a pushed event; returns the unsubscribe function. The first
     * subscription tells the main process the page is ready, which then sends what it held back.
     */
    on<E extends keyof ApiEvents>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
      const set = listeners.get(event) ?? new Set<Listener>();
      const wrapped: Listener = (payload) => listener(payload as ApiEvents[E]);
      set.add(wrapped);
      listeners.set(event, set);
      if (!readySent) {
        readySent = true;
        // After this task, so that subscriptions made together all see the held-back events.
        defer(() => ipc.send(IPC_CHANNELS.ready));
      }
      return () => {
        set.delete(wrapped);
      };
    },
  };
}

function isEventMessage(m: unknown): m is EventMessage {
  return typeof m === 'object' && m !== null && typeof (m as EventMessage).event === 'string' && 'payload' in m;
}
