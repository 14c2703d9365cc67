import { beforeEach, describe, expect, it, vi } from 'vitest';

// The preload is loaded for real, with Electron's renderer modules replaced by recorders.
const electron = vi.hoisted(() => {
  const listeners = new Map<string, (event: unknown, message: unknown) => void>();
  return {
    listeners,
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: {
      invoke: vi.fn(),
      send: vi.fn(),
      sendSync: vi.fn(() => { throw new Error('sendSync must never be used'); }),
      on: vi.fn((channel: string, fn: (event: unknown, message: unknown) => void) => { listeners.set(channel, fn); }),
      removeListener: vi.fn(),
    },
  };
});
vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

type Exposed = {
  invoke: (channel: string, input?: unknown) => Promise<unknown>;
  on: (event: string, cb: (payload: unknown) => void) => () => void;
};

async function loadPreload(): Promise<Exposed> {
  vi.resetModules();
  electron.contextBridge.exposeInMainWorld.mockClear();
  await import('../../../electron/preload/preload.js');
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
  const [key, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as [string, Exposed];
  expect(key).toBe('api');
  return api;
}

/** Every value reachable from `root`, functions included. */
function reachable(root: unknown, seen = new Set<unknown>()): Set<unknown> {
  if ((typeof root !== 'object' && typeof root !== 'function') || root === null || seen.has(root)) return seen;
  seen.add(root);
  for (const key of Reflect.ownKeys(root as object)) reachable((root as Record<PropertyKey, unknown>)[key], seen);
  return seen;
}

describe('preload', () => {
  beforeEach(() => {
    vi.useRealTimers();
    for (const fn of [electron.ipcRenderer.invoke, electron.ipcRenderer.send, electron.ipcRenderer.sendSync]) fn.mockClear();
  });

  it('exposes exactly invoke and on, and nothing of ipcRenderer', async () => {
    const api = await loadPreload();
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    const values = reachable(api);
    expect(values.has(electron.ipcRenderer)).toBe(false);
    for (const fn of Object.values(electron.ipcRenderer)) expect(values.has(fn)).toBe(false);
    expect(values.has(electron.contextBridge)).toBe(false);
  });

  it('invoke sends the channel and input on api:invoke and unwraps the reply', async () => {
    const api = await loadPreload();
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { totalValue: '1' } });
    await expect(api.invoke('status:get')).resolves.toEqual({ totalValue: '1' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('api:invoke', 'status:get', undefined);
    const error = { errorClass: 'auth', message: 'invalid key', recommendation: 'check it' };
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: false, error });
    // The rejection is the plain error object: it crosses the context bridge whole.
    await expect(api.invoke('sync:run', { trigger: 'window' })).rejects.toEqual(error);
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('api:invoke', 'sync:run', { trigger: 'window' });
    expect(electron.ipcRenderer.sendSync).not.toHaveBeenCalled();
  });

  it('on delivers pushed payloads (never the IPC event) and signals ready once', async () => {
    vi.useFakeTimers();
    const api = await loadPreload();
    const push = electron.listeners.get('api:event')!;
    const got: unknown[] = [];
    const off = api.on('status:changed', (p) => got.push(p));
    api.on('sync:finished', () => undefined);
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(electron.ipcRenderer.send).toHaveBeenCalledExactlyOnceWith('api:ready');
    const ipcEvent = { sender: 'ipcRenderer internals' };
    push(ipcEvent, { event: 'status:changed', payload: { syncing: true } });
    push(ipcEvent, { event: 'sync:progress', payload: 'not subscribed' });
    push(ipcEvent, 'garbage');
    expect(got).toEqual([{ syncing: true }]);
    off();
    push(ipcEvent, { event: 'status:changed', payload: { syncing: false } });
    expect(got).toHaveLength(1);
  });
});
