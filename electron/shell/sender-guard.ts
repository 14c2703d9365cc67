import type { WebContents, WebFrameMain } from 'electron';
import { originOf } from './app-protocol.js';

/** The parts of an IPC event the guard looks at. */
export interface IpcSender {
  sender: Pick<WebContents, 'id'>;
  senderFrame: Pick<WebFrameMain, 'url' | 'processId' | 'routingId'> | null;
}

/** The window as the guard sees it. */
export interface GuardedWindow {
  webContents: { id: number; mainFrame: Pick<WebFrameMain, 'processId' | 'routingId'> };
}

/**
 * Whether an IPC message comes from our window's own page (the check Electron Fiddle
 * makes, and a little more): the sending web contents is the window's, the frame is its
 * top frame (compared by process and routing id: Electron may hand out distinct objects
 * for one frame), and the frame shows one of our origins. A page that somehow navigated
 * elsewhere, a subframe or any other web contents is refused.
 */
export function isTrustedSender(event: IpcSender, window: GuardedWindow | null, origins: readonly string[]): boolean {
  const frame = event.senderFrame;
  if (!window || !frame) return false;
  if (event.sender.id !== window.webContents.id) return false;
  const top = window.webContents.mainFrame;
  if (frame.processId !== top.processId || frame.routingId !== top.routingId) return false;
  const origin = originOf(frame.url);
  return origin !== null && origins.includes(origin);
}
