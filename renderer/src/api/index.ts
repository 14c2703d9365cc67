// The screens' only door to the core: window.api in Electron, the `serve` WebSocket in a browser.
export { ApiProvider, useApi, useApiEvent, useConnectionState } from './api-context.js';
export { getApi, type ApiHandle } from './get-api.js';
export { createWsClient, type WsClient, type WsClientOptions } from './ws-client.js';
export type { ConnectionState, ConnectionStatus } from './connection.js';
export type { ApiError, RendererApi } from '../../../electron/preload/types.js';
