import type { ApiError } from '../../../electron/preload/types.js';

// What the WebSocket client rejects with when the transport, not the core, failed: the
// same ApiError shape as every other failure, with what to do.

const RETRY_ADVICE = 'Check that `alphapulse-sync serve` is still running; the dashboard reconnects by itself.';

/** The socket closed while a call was on its way: the core may have run it. */
export const lost = (channel: string): ApiError => ({
  errorClass: 'network', message: `The connection to AlphaPulse Sync was lost before ${channel} answered`,
  recommendation: `${RETRY_ADVICE} The call may or may not have been carried out: look before trying again.`,
});

/** The call waited for a connection that did not come. */
export const notConnected = (channel: string): ApiError => ({
  errorClass: 'network', message: `Not connected to AlphaPulse Sync (${channel} was not sent)`, recommendation: RETRY_ADVICE,
});

/** The server refused the token. */
export const unauthorized: ApiError = {
  errorClass: 'auth', message: 'AlphaPulse Sync refused this page\'s token',
  recommendation: 'Open the link that `alphapulse-sync serve` printed (it ends in #token=…); a restart without ALPHAPULSE_SERVE_TOKEN makes a new one.',
};

/** A server message with its fields still to be checked by the reader. */
export interface LooseServerMessage {
  type?: unknown;
  id?: unknown;
  ok?: unknown;
  value?: unknown;
  error?: unknown;
  event?: unknown;
  payload?: unknown;
}

/** A text frame's JSON object, or null for anything else. */
export function parseServerMessage(data: unknown): LooseServerMessage | null {
  if (typeof data !== 'string') return null;
  try {
    const m: unknown = JSON.parse(data);
    return typeof m === 'object' && m !== null ? (m as LooseServerMessage) : null;
  } catch {
    return null;
  }
}
