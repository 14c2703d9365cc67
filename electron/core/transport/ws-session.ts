import type { RawData, WebSocket } from 'ws';
import { z } from 'zod';
import { apiEventNames } from '../../../shared/api.js';
import type { ApiReply } from '../../../shared/api.js';
import { WS_CLOSE, type ServerMessage } from '../../../shared/ws-protocol.js';

const clientMessage = z.union([
  z.object({ type: z.literal('auth'), token: z.string().max(1024) }).strict(),
  z.object({ type: z.literal('subscribe'), events: z.array(z.string().max(64)).max(64) }).strict(),
  z.object({ id: z.number().int().nonnegative(), channel: z.string().max(128), input: z.unknown().optional() }).strict(),
]);

const knownEvents = new Set<string>(apiEventNames);

export interface WsSessionDeps {
  socket: WebSocket;
  checkToken: (token: string) => boolean;
  dispatch: (channel: unknown, input: unknown) => Promise<ApiReply>;
  /** How long a socket may stay open without sending its token. */
  authTimeoutMs: number;
  /** Unsent bytes beyond which a client counts as stuck and is dropped. */
  maxBufferedBytes: number;
}

/** One browser tab's connection, as the server sees it. */
export interface WsSession {
  /** Sends an already serialised `{event, payload}` if this socket is authenticated and subscribed to it. */
  push(event: string, message: string): void;
}

/**
 * Runs one WebSocket: nothing but `{type:'auth'}` is accepted until the token matched
 * (a wrong one closes the socket with 4401, so the page can say the link is stale instead
 * of retrying for ever); then calls go through the shared dispatcher and events flow for
 * the subscribed names. Messages that do not parse close the socket: only our client talks here.
 */
export function startWsSession(deps: WsSessionDeps): WsSession {
  const { socket } = deps;
  let authenticated = false;
  let subscribed = new Set<string>();
  const send = (message: ServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const authTimer = setTimeout(() => socket.close(WS_CLOSE.unauthorized, 'no token'), deps.authTimeoutMs);
  authTimer.unref();
  socket.on('close', () => clearTimeout(authTimer));
  // A reset connection is an ordinary end of a session, not a server fault.
  socket.on('error', () => undefined);
  socket.on('message', (data: RawData, isBinary: boolean) => {
    const parsed = isBinary ? null : clientMessage.safeParse(parseJson(data.toString()));
    if (!parsed?.success) {
      socket.close(WS_CLOSE.badMessage, 'bad message');
      return;
    }
    const m = parsed.data;
    if (!authenticated) {
      if ('type' in m && m.type === 'auth' && deps.checkToken(m.token)) {
        authenticated = true;
        clearTimeout(authTimer);
        send({ type: 'ready' });
      } else {
        // Not logged here: the server writes one summary line per minute of refusals.
        socket.close(WS_CLOSE.unauthorized, 'unauthorized');
      }
      return;
    }
    if ('type' in m) {
      if (m.type === 'subscribe') subscribed = new Set(m.events.filter((e) => knownEvents.has(e)));
      return;
    }
    void deps.dispatch(m.channel, m.input).then((reply) => send({ id: m.id, ...reply }));
  });
  return {
    push(event, message) {
      if (!authenticated || !subscribed.has(event) || socket.readyState !== socket.OPEN) return;
      // A tab that stopped reading (a suspended laptop's browser) must not grow our memory without bound.
      if (socket.bufferedAmount > deps.maxBufferedBytes) {
        socket.close(WS_CLOSE.tooSlow, 'too slow');
        return;
      }
      socket.send(message);
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
