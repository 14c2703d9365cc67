import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dashboardLink, DEFAULT_SERVE_PORT, findRendererDist, resolveServeToken } from '../../../electron/core/transport/serve-options.js';

describe('serve options', () => {
  it('a token from the environment is used as given when it is long and URL-safe', () => {
    expect(resolveServeToken({ ALPHAPULSE_SERVE_TOKEN: 'k3J9-x_Q7pLm2~Zr' })).toBe('k3J9-x_Q7pLm2~Zr');
    const longest = `A9._~-${Array.from({ length: 250 }, (_, i) => 'abcdefghijklmnopqrstuvwxyz0123456789'[(i * 7) % 36]).join('')}`;
    expect(resolveServeToken({ ALPHAPULSE_SERVE_TOKEN: longest })).toBe(longest);
  });

  it.each([
    ['too short', 'abcdefghijklmno'],
    ['too long', 'x'.repeat(257)],
    ['a character a URL fragment would escape', 'abcdefghijklmnop#'],
    ['a space', 'abcdefgh ijklmnop'],
    ['a newline after a good token', 'abcdefghijklmnop\n'],
    ['a newline before a good token', '\nabcdefghijklmnop'],
  ])('a token with %s is refused with a clear config error', (_name, token) => {
    expect(() => resolveServeToken({ ALPHAPULSE_SERVE_TOKEN: token })).toThrow(
      expect.objectContaining({ errorClass: 'config', message: expect.stringContaining('ALPHAPULSE_SERVE_TOKEN must be 16 to 256'), recommendation: expect.stringContaining('openssl rand') }),
    );
  });

  it('without one (or an empty one), 32 random bytes, URL-safe', () => {
    const bytes = Buffer.alloc(32, 0xfb);
    expect(resolveServeToken({}, () => bytes)).toBe(bytes.toString('base64url'));
    expect(resolveServeToken({ ALPHAPULSE_SERVE_TOKEN: '' }, () => bytes)).toBe(bytes.toString('base64url'));
    const a = resolveServeToken({});
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(resolveServeToken({})).not.toBe(a);
  });

  it('the link carries the token in the fragment, which browsers never send', () => {
    expect(dashboardLink('http://127.0.0.1:8780/', 'tok')).toBe('http://127.0.0.1:8780/#token=tok');
    expect(DEFAULT_SERVE_PORT).toBe(8780);
  });

  describe('renderer/dist', () => {
    let dir = '';
    afterEach(async () => { if (dir) await fs.rm(dir, { recursive: true, force: true }); });

    it('is found beside the nearest package.json above the code', async () => {
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'alphapulse-dist-'));
      await fs.mkdir(path.join(dir, 'app', 'dist', 'deep'), { recursive: true });
      await fs.writeFile(path.join(dir, 'app', 'package.json'), '{}');
      expect(findRendererDist(path.join(dir, 'app', 'dist', 'deep', 'cli.js'))).toBe(path.join(dir, 'app', 'renderer', 'dist'));
      expect(findRendererDist(path.join(dir, 'app', 'cli.js'))).toBe(path.join(dir, 'app', 'renderer', 'dist'));
    });

    it('falls back to the working folder when no package.json is above', async () => {
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'alphapulse-dist-'));
      expect(findRendererDist(path.join(dir, 'cli.js'))).toBe(path.resolve('renderer', 'dist'));
    });

    it('of this installation by default', () => {
      expect(findRendererDist()).toBe(path.resolve(import.meta.dirname, '../../../renderer/dist'));
    });
  });
});
