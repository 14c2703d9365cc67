import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import type { ApiHandlers, ApiReply } from '../../shared/api.js';
import { createApiDispatcher } from '../core/transport/api-dispatch.js';
import { IPC_CHANNELS, type EventMessage } from '../preload/ipc-channels.js';
import type { IpcSender } from './sender-guard.js';

export interface ApiIpcDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler' | 'on' | 'removeListener'>;
  handlers: ApiHandlers;
  isTrustedSender: (event: IpcSender) => boolean;
  /** The page said it listens: held-back events may go now. */
  onReady: () => void;
  redact: (text: string) => string;
  warn: (message: string, data?: Record<string, unknown>) => void;
}

/**
 * Serves shared/api.ts on one guarded channel. Each call is checked in this order: the
 * sender is our window's page, the channel is one of apiInputs, the input passes its zod
 * schema; only then does the core's handler run. Every failure comes back as an
 * AppErrorInfo, never a raw exception. Returns the function that unregisters it all.
 */
export function registerApiIpc(deps: ApiIpcDeps): () => void {
  // Channel, input validation and error mapping are the core's, shared with the `serve` WebSocket.
  const dispatch = createApiDispatcher(deps);

  const handle = async (event: IpcMainInvokeEvent, channel: unknown, input: unknown): Promise<ApiReply> => {
    const name = typeof channel === 'string' ? channel.slice(0, 64) : typeof channel;
    if (!deps.isTrustedSender(event)) {
      deps.warn('IPC call from a page that is not ours refused', { channel: name, url: event.senderFrame?.url ?? null });
      return { ok: false, error: { errorClass: 'internal', message: 'This page may not call AlphaPulse Sync', recommendation: 'Reopen the window from the tray.' } };
    }
    return dispatch(channel, input);
  };
  const ready = (event: IpcMainEvent) => {
    if (deps.isTrustedSender(event)) deps.onReady();
  };
  deps.ipcMain.handle(IPC_CHANNELS.invoke, handle);
  deps.ipcMain.on(IPC_CHANNELS.ready, ready);
  return () => {
    deps.ipcMain.removeHandler(IPC_CHANNELS.invoke);
    deps.ipcMain.removeListener(IPC_CHANNELS.ready, ready);
  };
}

export interface EventPump {
  push(event: string, payload: unknown): void;
  /** The page listens: send what was held back, in order, then everything as it comes. */
  ready(): void;
  /** The page is (re)loading: hold events again until it says it is ready. */
  hold(): void;
}

/**
 * Events for one window, on the single `api:event` channel. Until the page is ready they
 * are held (up to `limit`; the oldest go first, and a later status replaces an earlier one).
 */
export function createEventPump(send: (channel: string, message: EventMessage) => void, limit = 200): EventPump {
  let isReady = false;
  let held: EventMessage[] = [];
  return {
    push(event, payload) {
      const message = { event, payload };
      if (isReady) return send(IPC_CHANNELS.event, message);
      if (event === 'status:changed') held = held.filter((m) => m.event !== event);
      held.push(message);
      if (held.length > limit) held.shift();
    },
    ready() {
      isReady = true;
      const queued = held;
      held = [];
      for (const m of queued) send(IPC_CHANNELS.event, m);
    },
    hold() {
      isReady = false;
    },
  };
}
