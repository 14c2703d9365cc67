import { describe, expect, it, vi } from 'vitest';
import type { IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { apiInputs, type ApiHandlers } from '../../../shared/api.js';
import { AppError } from '../../../electron/core/errors.js';
import { createEventPump, registerApiIpc } from '../../../electron/shell/ipc.js';
import { isTrustedSender } from '../../../electron/shell/sender-guard.js';
import type { ApiReply } from '../../../shared/api.js';
import { IPC_CHANNELS } from '../../../electron/preload/ipc-channels.js';

type InvokeHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<ApiReply>;

const mainFrame = { url: 'app://alphapulse/index.html', processId: 3, routingId: 1 };
const ourWindow = { webContents: { id: 7, mainFrame } };
type Frame = { url: string; processId: number; routingId: number };
const event = (over: { id?: number; frame?: Frame | null } = {}) =>
  ({ sender: { id: over.id ?? 7 }, senderFrame: over.frame === undefined ? mainFrame : over.frame }) as unknown as IpcMainInvokeEvent & IpcMainEvent;

function setup(handlers: Partial<ApiHandlers> = {}) {
  const invokeHandlers = new Map<string, InvokeHandler>();
  const listeners = new Map<string, (e: IpcMainEvent) => void>();
  const ipcMain = {
    handle: vi.fn((ch: string, fn: InvokeHandler) => { invokeHandlers.set(ch, fn); }),
    removeHandler: vi.fn((ch: string) => { invokeHandlers.delete(ch); }),
    on: vi.fn((ch: string, fn: (e: IpcMainEvent) => void) => { listeners.set(ch, fn); }),
    removeListener: vi.fn((ch: string) => { listeners.delete(ch); }),
  };
  const calls: Array<[string, unknown]> = [];
  const table = new Proxy({}, {
    get: (_t, channel: string) => handlers[channel as keyof ApiHandlers] ?? (async (input: unknown) => { calls.push([channel, input]); return { channel }; }),
  }) as ApiHandlers;
  const warn = vi.fn();
  const onReady = vi.fn();
  const dispose = registerApiIpc({
    ipcMain: ipcMain as never, handlers: table, onReady, warn, redact: (s) => s.replaceAll('SECRETKEY123', '[redacted]'),
    isTrustedSender: (e) => isTrustedSender(e, ourWindow, ['app://alphapulse']),
  });
  const invoke = (e: IpcMainInvokeEvent, channel: unknown, input?: unknown) => invokeHandlers.get(IPC_CHANNELS.invoke)!(e, channel, input);
  return { ipcMain, invoke, listeners, calls, warn, onReady, dispose, invokeHandlers };
}

describe('IPC: one guarded invoke channel', () => {
  it('registers exactly api:invoke and api:ready, and unregisters them', () => {
    const s = setup();
    expect([...s.invokeHandlers.keys()]).toEqual(['api:invoke']);
    expect([...s.listeners.keys()]).toEqual(['api:ready']);
    s.dispose();
    expect(s.invokeHandlers.size + s.listeners.size).toBe(0);
  });

  it('routes every channel of shared/api.ts to its handler with the parsed input', async () => {
    const s = setup();
    for (const channel of Object.keys(apiInputs)) {
      // The first of a few plain inputs that the channel's schema accepts.
      const input = [undefined, {}, { exchangeId: 'bybit' }, { kind: 'trades' }].find((c) => apiInputs[channel as keyof typeof apiInputs].safeParse(c).success);
      const reply = await s.invoke(event(), channel, input);
      expect(reply, channel).toEqual({ ok: true, value: { channel } });
    }
    // Defaults from the schema are applied before the handler sees the input.
    expect(s.calls.find(([c]) => c === 'history:list')?.[1]).toEqual({ limit: 50 });
    expect(s.calls.find(([c]) => c === 'accounts:remove')?.[1]).toEqual({ exchangeId: 'bybit', id: 'default', history: 'keep' });
  });

  it('refuses a foreign sender: another web contents, a subframe, another origin, no frame', async () => {
    const s = setup();
    const foreign = [
      event({ id: 8 }),
      event({ frame: { url: 'app://alphapulse/index.html', processId: 3, routingId: 9 } }), // a subframe of our page
      event({ frame: null }),
    ];
    const otherOrigin = { url: 'https://evil.example/', processId: 3, routingId: 1 };
    const evilWindow = { webContents: { id: 7, mainFrame: otherOrigin } };
    for (const e of foreign) {
      const reply = await s.invoke(e, 'status:get');
      expect(reply.ok).toBe(false);
    }
    expect(isTrustedSender(event({ frame: otherOrigin }), evilWindow, ['app://alphapulse'])).toBe(false);
    expect(isTrustedSender(event(), null, ['app://alphapulse'])).toBe(false);
    // The same frame reached through another object is still ours.
    expect(isTrustedSender(event({ frame: { ...mainFrame } }), ourWindow, ['app://alphapulse'])).toBe(true);
    expect(s.calls).toEqual([]);
    expect(s.warn).toHaveBeenCalledWith('IPC call from a page that is not ours refused', expect.objectContaining({ channel: 'status:get' }));
  });

  it('rejects invalid input with a config error naming the field, never echoing the value', async () => {
    const s = setup();
    const bad = await s.invoke(event(), 'history:list', { limit: 0 });
    expect(bad).toEqual({ ok: false, error: expect.objectContaining({ errorClass: 'config', message: expect.stringMatching(/^Invalid input for history:list: limit: /) }) });
    const key = await s.invoke(event(), 'accounts:save', { exchangeId: 'bybit', credentials: { apiKey: 'has space SECRETKEY123', secret: 'x' } });
    expect(key.ok).toBe(false);
    expect(JSON.stringify(key)).not.toContain('SECRETKEY123');
    expect(JSON.stringify(key)).toContain('credentials.apiKey');
    const extra = await s.invoke(event(), 'settings:update', { sync: { intervalMinutes: 5 }, apiKey: 'x' });
    expect(extra.ok).toBe(false);
    const unknown = await s.invoke(event(), 'fs:readFile', '/etc/passwd');
    expect(unknown).toEqual({ ok: false, error: expect.objectContaining({ errorClass: 'config', message: 'There is no call named fs:readFile' }) });
    expect((await s.invoke(event(), { toString: () => 'x' })).ok).toBe(false);
    expect(s.calls).toEqual([]);
  });

  it('maps errors to AppErrorInfo: classified ones redacted, others without their raw message', async () => {
    const s = setup({
      'status:get': async () => { throw new AppError('auth', 'key SECRETKEY123 refused', 'Enter SECRETKEY123 again'); },
      'portfolio:get': async () => { throw new Error('connect ECONNREFUSED postgres://u:SECRETKEY123@db'); },
    });
    expect(await s.invoke(event(), 'status:get')).toEqual({ ok: false, error: { errorClass: 'auth', message: 'key [redacted] refused', recommendation: 'Enter [redacted] again' } });
    const raw = await s.invoke(event(), 'portfolio:get');
    expect(raw).toEqual({ ok: false, error: { errorClass: 'internal', message: 'Unexpected failure in portfolio:get', recommendation: expect.any(String) } });
    expect(s.warn).toHaveBeenCalledWith('API call failed', { channel: 'portfolio:get', message: 'connect ECONNREFUSED postgres://u:[redacted]@db' });
  });

  it('takes "ready" only from our page', () => {
    const s = setup();
    s.listeners.get(IPC_CHANNELS.ready)!(event({ id: 99 }));
    expect(s.onReady).not.toHaveBeenCalled();
    s.listeners.get(IPC_CHANNELS.ready)!(event());
    expect(s.onReady).toHaveBeenCalledOnce();
  });
});

describe('event pump: one push channel, held until the page is ready', () => {
  it('holds events, then sends them in order; a later status replaces an earlier one', () => {
    const sent: unknown[] = [];
    const pump = createEventPump((channel, message) => sent.push([channel, message]));
    pump.push('status:changed', 1);
    pump.push('sync:progress', 'a');
    pump.push('status:changed', 2);
    expect(sent).toEqual([]);
    pump.ready();
    expect(sent).toEqual([['api:event', { event: 'sync:progress', payload: 'a' }], ['api:event', { event: 'status:changed', payload: 2 }]]);
    pump.push('sync:finished', 'done');
    expect(sent).toHaveLength(3);
    pump.hold();
    pump.push('sync:progress', 'b');
    expect(sent).toHaveLength(3);
  });

  it('keeps at most `limit` events, dropping the oldest', () => {
    const sent: Array<[string, { payload: unknown }]> = [];
    const pump = createEventPump((channel, message) => sent.push([channel, message]), 3);
    for (let i = 0; i < 5; i += 1) pump.push('sync:progress', i);
    pump.ready();
    expect(sent.map(([, m]) => m.payload)).toEqual([2, 3, 4]);
  });
});
