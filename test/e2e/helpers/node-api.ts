import WebSocket from 'ws';
import { createWsClient, type SocketLike, type WsClient } from '../../../renderer/src/api/ws-client.js';

/**
 * The dashboard's own WebSocket client, run in Node against a `serve` child process: the
 * tests read the core's answers through it to compare with what the page shows.
 */
export function nodeApi(origin: string, token: string): WsClient {
  const url = `${origin.replace(/^http/, 'ws').replace(/\/$/, '')}/ws`;
  // ws's WebSocket has the browser's onopen/onmessage/onclose interface the client uses.
  return createWsClient(url, token, { socket: (u) => new WebSocket(u) as unknown as SocketLike });
}
