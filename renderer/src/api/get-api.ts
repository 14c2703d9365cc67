import type { RendererApi } from '../../../electron/preload/types.js';
import { WS_PATH } from '../../../shared/ws-protocol.js';
import { createConnectionState, type ConnectionState } from './connection.js';
import { createWsClient } from './ws-client.js';

/** What the screens talk through, in Electron and in a browser alike. */
export interface ApiHandle {
  api: RendererApi;
  connection: ConnectionState;
}

// Per tab: a reload keeps working after the token left the address bar; closing the tab forgets it.
const TOKEN_KEY = 'alphapulse-sync.serve-token';

/** The parts of `window` this module reads, so tests can hand in their own. */
export type ApiWindow = Pick<Window, 'location' | 'history' | 'sessionStorage'> & { api?: RendererApi };

/**
 * `window.api` in the Electron window (the preload put it there; the IPC has no
 * connection to lose); in a browser, the WebSocket client of the `serve` that delivered
 * this page, authenticated with the `#token=` of the link it printed.
 */
export function getApi(win: ApiWindow = window): ApiHandle {
  if (win.api) return { api: win.api, connection: createConnectionState('open') };
  const token = takeToken(win) ?? '';
  const scheme = win.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const client = createWsClient(`${scheme}//${win.location.host}${WS_PATH}`, token);
  return { api: client.api, connection: client.connection };
}

/**
 * The token from the fragment, which is then removed from the address bar (and so from
 * history, bookmarks and screenshots) and kept in sessionStorage; else the one stored
 * earlier in this tab.
 */
function takeToken(win: ApiWindow): string | null {
  const fromLink = new URLSearchParams(win.location.hash.replace(/^#/, '')).get('token');
  if (fromLink) {
    try {
      win.sessionStorage.setItem(TOKEN_KEY, fromLink);
    } catch {
      // Storage can be switched off; this page still works until it is reloaded.
    }
    win.history.replaceState(win.history.state, '', `${win.location.pathname}${win.location.search}`);
    return fromLink;
  }
  try {
    return win.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}
