import { describe, expect, it, vi } from 'vitest';
import { bindQuitEvents, createShutdown, type QuitSources } from '../../../electron/shell/lifecycle.js';

const log = () => ({ info: vi.fn(), warn: vi.fn() });

describe('shutdown', () => {
  it('stops the UI first, then closes the core, once', async () => {
    const order: string[] = [];
    const shutdown = createShutdown({
      log: log(),
      stopUi: () => order.push('ui'),
      closeCore: async () => { order.push('core:start'); await new Promise((r) => setTimeout(r, 5)); order.push('core:done'); },
    });
    const a = shutdown.run('quit');
    const b = shutdown.run('shutdown');
    expect(a).toBe(b);
    await a;
    expect(order).toEqual(['ui', 'core:start', 'core:done']);
  });

  it('gives up waiting for a stuck core after the timeout and still resolves', async () => {
    const l = log();
    const shutdown = createShutdown({ log: l, stopUi: () => undefined, closeCore: () => new Promise(() => undefined), timeoutMs: 20 });
    await shutdown.run('quit');
    expect(l.warn).toHaveBeenCalledWith(expect.stringMatching(/did not finish/));
  });

  it('a failing step is logged, and the core is still closed', async () => {
    const l = log();
    const closeCore = vi.fn(async () => { throw new Error('pool ended twice'); });
    await createShutdown({ log: l, stopUi: () => { throw new Error('tray gone'); }, closeCore }).run('quit');
    expect(closeCore).toHaveBeenCalledOnce();
    expect(l.warn).toHaveBeenCalledTimes(2);
  });
});

describe('quit events', () => {
  function sources() {
    const on = new Map<string, (...a: unknown[]) => void>();
    const once = new Map<string, () => void>();
    const exit = vi.fn();
    const src = {
      app: { on: (e: string, fn: (...a: unknown[]) => void) => on.set(`app:${e}`, fn), exit },
      powerMonitor: { on: (e: string, fn: (...a: unknown[]) => void) => on.set(`power:${e}`, fn) },
      signals: { once: (e: string, fn: () => void) => once.set(e, fn) },
    } as unknown as QuitSources;
    return { src, on, once, exit };
  }

  it('Quit, OS shutdown and signals run the one shutdown, then exit; closing the window does not quit', async () => {
    const s = sources();
    const run = vi.fn(async (_reason: string) => undefined);
    bindQuitEvents(s.src, { run });
    s.on.get('app:window-all-closed')!();
    expect(run).not.toHaveBeenCalled();
    const quit = { preventDefault: vi.fn() };
    s.on.get('app:before-quit')!(quit);
    expect(quit.preventDefault).toHaveBeenCalled();
    const off = { preventDefault: vi.fn() };
    s.on.get('power:shutdown')!(off);
    expect(off.preventDefault).toHaveBeenCalled();
    s.once.get('SIGTERM')!();
    expect(run.mock.calls.map((c) => c[0])).toEqual(['quit', 'system shutdown or logout', 'SIGTERM']);
    await new Promise((r) => setTimeout(r, 0));
    expect(s.exit).toHaveBeenCalledWith(0);
  });
});
