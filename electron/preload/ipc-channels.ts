/**
 * The only IPC channels between the window and the main process: one request channel
 * carrying every call of shared/api.ts, one push channel carrying every event, and the
 * page's "ready for events" signal.
 */
export const IPC_CHANNELS = {
  invoke: 'api:invoke',
  event: 'api:event',
  ready: 'api:ready',
} as const;

/** One pushed event on `api:event`. */
export interface EventMessage {
  event: string;
  payload: unknown;
}
