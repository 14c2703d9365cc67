/**
 * The `serve` WebSocket's wire format, shared by the server (electron/core/transport) and
 * the browser client (renderer/src/api). Plain types and constants only: the renderer
 * bundles this file.
 *
 * After the upgrade the client's first message is `{type:'auth', token}`; the server
 * answers `{type:'ready'}` or closes with {@link WS_CLOSE}.unauthorized. Then:
 * `{type:'subscribe', events}` sets the events this socket receives (the full set, so a
 * reconnect simply sends it again); `{id, channel, input}` calls shared/api.ts and is
 * answered `{id, ok:true, value}` or `{id, ok:false, error}`; events arrive as `{event, payload}`.
 */
import type { ApiReply } from './api.js';

/** Where the WebSocket endpoint listens, on the same origin as the dashboard. */
export const WS_PATH = '/ws';

/** Close codes with a meaning for the client (4000-4999 are the application's). */
export const WS_CLOSE = {
  /** The token was wrong or missing: reconnecting with it cannot help. */
  unauthorized: 4401,
  /** A message that is not JSON or not one of the shapes above. */
  badMessage: 4400,
  /** The client read too slowly and events piled up; it may reconnect. */
  tooSlow: 4429,
  /** The server is stopping (Ctrl+C); it may come back. */
  goingAway: 1001,
} as const;

export type ClientMessage =
  | { type: 'auth'; token: string }
  | { type: 'subscribe'; events: string[] }
  | { id: number; channel: string; input?: unknown };

export type ServerMessage =
  | { type: 'ready' }
  | ({ id: number } & ApiReply)
  | { event: string; payload: unknown };
