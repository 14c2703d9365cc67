import { describe, expect, it } from 'vitest';
import type { ApiHandlers } from '../../../shared/api.js';
import { createApiDispatcher } from '../../../electron/core/transport/api-dispatch.js';

describe('a non-ASCII key over the API', () => {
  it('is a validation error naming the field, never reaching a handler or echoing the value', async () => {
    const called: string[] = [];
    const handlers = new Proxy({}, { get: (_, name) => async () => { called.push(String(name)); return {}; } }) as ApiHandlers;
    const dispatch = createApiDispatcher({ handlers, redact: (s) => s, warn: () => undefined });
    for (const channel of ['accounts:save', 'accounts:test']) {
      for (const credentials of [{ apiKey: 'KEYé12345678', secret: 'secret0000' }, { apiKey: 'KEY12345678', secret: 'sécret0000' }, { apiKey: 'KEY12345678', secret: 'secret0000', password: 'päss' }]) {
        const reply = await dispatch(channel, { exchangeId: 'bybit', id: 'main', credentials });
        expect(reply).toMatchObject({ ok: false, error: { errorClass: 'config', message: expect.stringMatching(/credentials\.(apiKey|secret|password): The (API key|API secret|passphrase) has characters that are not ASCII/) } });
        expect(JSON.stringify(reply)).not.toMatch(/12345678|0000|päss/);
      }
    }
    expect(called).toEqual([]);
  });
});
