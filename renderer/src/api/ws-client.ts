import type { ApiChannel, ApiEvents, ApiInput, ApiResults } from '../../../shared/api.js';
import type { ApiError, RendererApi } from '../../../electron/preload/types.js';
import { WS_CLOSE, type ClientMessage } from '../../../shared/ws-protocol.js';
import { createConnectionState, type ConnectionState } from './connection.js';
import { lost, notConnected, parseServerMessage, unauthorized } from './ws-messages.js';

/** The part of a WebSocket the client uses: the browser's, or ws's in Node tests. */
export interface SocketLike {
  onopen: (() => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onerror: (() => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type SocketFactory = (url: string) => SocketLike;

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface WsClientOptions {
  /** Default: the browser's WebSocket. */
  socket?: SocketFactory;
  /** Reconnect delays double from `initialMs` up to `maxMs`, each varied by ±20 % so tabs do not reconnect in step. */
  backoff?: { initialMs: number; maxMs: number };
  /** How long a call made while disconnected waits for the connection before it fails. Default 20 s. */
  queueTimeoutMs?: number;
  timers?: Timers;
  random?: () => number;
  /** Where a failing event listener is reported. Default console.error. */
  reportError?: (message: string, error: unknown) => void;
}

/** The WebSocket transport as the dashboard uses it. */
export interface WsClient {
  /** Exactly what `window.api` is in Electron. */
  api: RendererApi;
  connection: ConnectionState;
  /** Stops reconnecting and closes the socket; calls still waiting reject. */
  close(): void;
}

type InputArgs<K extends ApiChannel> = undefined extends ApiInput<K> ? [input?: ApiInput<K>] : [input: ApiInput<K>];

interface Call {
  id: number;
  channel: string;
  input: unknown;
  resolve: (value: unknown) => void;
  reject: (error: ApiError) => void;
  timer: unknown;
}

const browserSocket: SocketFactory = (url) => new (globalThis as unknown as { WebSocket: new (url: string) => SocketLike }).WebSocket(url);
const defaultTimers: Timers = { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as Parameters<typeof clearTimeout>[0]) };

/**
 * Serves the `RendererApi` over `serve`'s WebSocket (shared/ws-protocol.ts).
 * It connects on first use, authenticates with the token, and after a drop reconnects
 * with backoff and subscribes again to every event that has listeners. A call made while
 * disconnected waits for the connection; a call in flight when it drops rejects (the
 * core may have run it). Like `window.api`, calls reject with a plain ApiError object.
 */
export function createWsClient(url: string, token: string, opts: WsClientOptions = {}): WsClient {
  const connect = opts.socket ?? browserSocket;
  const timers = opts.timers ?? defaultTimers;
  const backoff = opts.backoff ?? { initialMs: 500, maxMs: 15_000 };
  const queueTimeoutMs = opts.queueTimeoutMs ?? 20_000;
  const random = opts.random ?? Math.random;
  const reportError = opts.reportError ?? ((message, error) => console.error(message, error));

  const connection = createConnectionState('connecting');
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const inFlight = new Map<number, Call>();
  const waiting: Call[] = [];
  let socket: SocketLike | null = null;
  let ready = false;
  let started = false;
  let stopped = false;
  let failures = 0;
  let retryTimer: unknown = null;
  let nextId = 1;

  const send = (message: ClientMessage) => socket?.send(JSON.stringify(message));
  const subscribe = () => send({ type: 'subscribe', events: [...listeners].filter(([, set]) => set.size > 0).map(([event]) => event) });
  const transmit = (call: Call) => {
    inFlight.set(call.id, call);
    send({ id: call.id, channel: call.channel, input: call.input });
  };
  const failWaiting = (error: (channel: string) => ApiError) => {
    for (const call of waiting.splice(0)) {
      timers.clearTimeout(call.timer);
      call.reject(error(call.channel));
    }
  };

  const open = () => {
    const s = connect(url);
    socket = s;
    s.onopen = () => send({ type: 'auth', token });
    s.onmessage = (event) => onMessage(event.data);
    s.onclose = (event) => onClose(s, event.code);
    // An error is always followed by a close, which does the work.
    s.onerror = () => undefined;
  };
  const start = () => {
    if (started || stopped) return;
    started = true;
    open();
  };

  const onMessage = (data: unknown) => {
    const m = parseServerMessage(data);
    if (!m) return;
    if (m.type === 'ready') {
      ready = true;
      failures = 0;
      subscribe();
      for (const call of waiting.splice(0)) {
        timers.clearTimeout(call.timer);
        transmit(call);
      }
      connection.set('open');
    } else if (typeof m.id === 'number') {
      const call = inFlight.get(m.id);
      if (!call) return;
      inFlight.delete(m.id);
      if (m.ok === true) call.resolve(m.value);
      else call.reject(m.error as ApiError);
    } else if (typeof m.event === 'string') {
      for (const listener of [...(listeners.get(m.event) ?? [])]) {
        // One broken listener must not keep the event from the others.
        try {
          listener(m.payload);
        } catch (e) {
          reportError(`api.on('${m.event}') listener failed`, e);
        }
      }
    }
  };

  const onClose = (s: SocketLike, code: number) => {
    if (socket !== s) return;
    socket = null;
    ready = false;
    for (const call of inFlight.values()) call.reject(lost(call.channel));
    inFlight.clear();
    if (stopped) return;
    if (code === WS_CLOSE.unauthorized) {
      // Retrying with the same token cannot help; the page needs the new link.
      stopped = true;
      failWaiting(() => unauthorized);
      connection.set('unauthorized');
      return;
    }
    connection.set('closed');
    const delay = Math.min(backoff.maxMs, backoff.initialMs * 2 ** failures) * (0.8 + 0.4 * random());
    failures += 1;
    retryTimer = timers.setTimeout(() => {
      retryTimer = null;
      if (!stopped) open();
    }, delay);
  };

  const api: RendererApi = {
    invoke<K extends ApiChannel>(channel: K, ...input: InputArgs<K>): Promise<ApiResults[K]> {
      start();
      if (connection.get() === 'unauthorized') return Promise.reject(unauthorized);
      if (stopped) return Promise.reject(notConnected(channel));
      return new Promise<ApiResults[K]>((resolve, reject) => {
        const call: Call = { id: nextId++, channel, input: input[0], resolve: resolve as (v: unknown) => void, reject, timer: null };
        if (ready) return transmit(call);
        call.timer = timers.setTimeout(() => {
          const i = waiting.indexOf(call);
          if (i >= 0) waiting.splice(i, 1);
          reject(notConnected(channel));
        }, queueTimeoutMs);
        waiting.push(call);
      });
    },
    on<E extends keyof ApiEvents>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
      start();
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = (payload: unknown) => listener(payload as ApiEvents[E]);
      const first = set.size === 0;
      set.add(wrapped);
      if (first && ready) subscribe();
      return () => {
        if (set.delete(wrapped) && set.size === 0 && ready) subscribe();
      };
    },
  };

  return {
    api,
    connection: {
      get: connection.get,
      // Whoever watches the connection wants it made.
      subscribe(listener) {
        start();
        return connection.subscribe(listener);
      },
    },
    close() {
      if (stopped && socket === null) return;
      stopped = true;
      if (retryTimer !== null) timers.clearTimeout(retryTimer);
      failWaiting(notConnected);
      const s = socket;
      if (s) {
        // Pending calls reject now; the close event would come too late for them.
        onClose(s, 1000);
        s.close(1000, 'closed by the page');
      }
      if (connection.get() !== 'unauthorized') connection.set('closed');
    },
  };
}
