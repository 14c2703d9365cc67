import { describe, expect, it } from 'vitest';
import { isTrustedSender, type GuardedWindow, type IpcSender } from '../../../electron/shell/sender-guard.js';

const top = { processId: 3, routingId: 1 };
const window: GuardedWindow = { webContents: { id: 7, mainFrame: top } };
const origins = ['app://alphapulse', 'http://localhost:5173'];
const from = (over: Partial<{ id: number; url: string; processId: number; routingId: number }> = {}, frame = true): IpcSender => ({
  sender: { id: over.id ?? 7 },
  senderFrame: frame ? { url: over.url ?? 'app://alphapulse/index.html', processId: over.processId ?? 3, routingId: over.routingId ?? 1 } : null,
});

describe('IPC sender guard', () => {
  it("trusts only our window's top frame showing one of our origins", () => {
    expect(isTrustedSender(from(), window, origins)).toBe(true);
    expect(isTrustedSender(from({ url: 'http://localhost:5173/#/settings' }), window, origins)).toBe(true);
  });

  it.each([
    ['another web contents', from({ id: 8 })],
    ['a frame in another process', from({ processId: 4 })],
    ['a subframe (other routing id)', from({ routingId: 2 })],
    ['a page that navigated elsewhere', from({ url: 'https://evil.example/' })],
    ['a look-alike origin', from({ url: 'app://alphapulse.evil/index.html' })],
    ['a URL without a host', from({ url: 'about:blank' })],
    ['an unparsable URL', from({ url: 'not a url' })],
    ['no frame at all', from({}, false)],
  ])('refuses %s', (_name, event) => {
    expect(isTrustedSender(event, window, origins)).toBe(false);
  });

  it('refuses everything while there is no window', () => {
    expect(isTrustedSender(from(), null, origins)).toBe(false);
  });
});
