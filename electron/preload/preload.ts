import { contextBridge, ipcRenderer } from 'electron';
import { createRendererApi } from './renderer-api.js';

// Runs sandboxed in the window before the page: the page gets `window.api` and nothing else.
const api = createRendererApi(ipcRenderer);
contextBridge.exposeInMainWorld('api', api);

/** The type of `window.api`, derived from the object the preload exposes. */
export type RendererApi = typeof api;
