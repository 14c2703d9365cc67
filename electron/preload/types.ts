/**
 * Types for renderer code (renderer/ imports only from here): `window.api` as the
 * preload exposes it, and the error its calls reject with.
 */
import type { RendererApi } from './preload.js';

export type { RendererApi };
export type { ApiError } from '../../shared/api.js';

declare global {
  interface Window {
    /** Present in the Electron window; the browser dashboard uses the WebSocket client instead. */
    readonly api: RendererApi;
  }
}
