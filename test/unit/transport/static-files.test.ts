import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticFiles, NOT_BUILT_PAGE } from '../../../electron/core/transport/static-files.js';

describe('static files of the dashboard', () => {
  let tmp = '';
  let root = '';
  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'alphapulse-static-'));
    root = path.join(tmp, 'dist');
    await fs.mkdir(path.join(root, 'assets'), { recursive: true });
    await fs.writeFile(path.join(root, 'index.html'), '<!doctype html>');
    await fs.writeFile(path.join(root, 'assets', 'app-1a2b.js'), 'js');
    await fs.writeFile(path.join(root, 'assets', 'app-1a2b.CSS'), 'css');
    await fs.writeFile(path.join(root, 'data.bin'), 'bin');
    await fs.writeFile(path.join(root, 'a b.txt'), 'spaced');
    await fs.writeFile(path.join(tmp, 'secret.txt'), 'outside');
    await fs.writeFile(path.join(tmp, 'dist-evil.txt'), 'sibling');
    await fs.symlink(path.join(tmp, 'secret.txt'), path.join(root, 'link.txt'));
    await fs.symlink(path.join(root, 'index.html'), path.join(root, 'inside-link.html'));
  });
  afterAll(async () => { await fs.rm(tmp, { recursive: true, force: true }); });

  it('"/" is index.html, never cached for good', async () => {
    const get = createStaticFiles(root);
    for (const url of ['/', '', '//']) {
      expect(await get(url)).toEqual({ kind: 'file', body: Buffer.from('<!doctype html>'), type: 'text/html; charset=utf-8', immutable: false });
    }
  });

  it('hashed assets may be cached for good; types by extension, any case', async () => {
    const get = createStaticFiles(root);
    expect(await get('/assets/app-1a2b.js')).toEqual({ kind: 'file', body: Buffer.from('js'), type: 'text/javascript; charset=utf-8', immutable: true });
    expect(await get('/assets/app-1a2b.CSS')).toMatchObject({ kind: 'file', type: 'text/css; charset=utf-8', immutable: true });
    expect(await get('/data.bin')).toMatchObject({ kind: 'file', type: 'application/octet-stream', immutable: false });
    expect(await get('/a%20b.txt')).toMatchObject({ kind: 'file', body: Buffer.from('spaced'), type: 'text/plain; charset=utf-8' });
  });

  it('a symbolic link inside the folder to a file inside it is served', async () => {
    expect(await createStaticFiles(root)('/inside-link.html')).toMatchObject({ kind: 'file', body: Buffer.from('<!doctype html>') });
  });

  it.each([
    ['a missing file', '/nope.js'],
    ['a folder', '/assets'],
    ['a parent path', '/../secret.txt'],
    ['an encoded parent path', '/%2e%2e/secret.txt'],
    ['a sibling folder sharing the prefix', '/../dist-evil.txt'],
    ['a backslash', '/..\\secret.txt'],
    ['an encoded backslash', '/%5c..%5csecret.txt'],
    ['a NUL', '/index.html%00.js'],
    ['a bad escape', '/%E0%A4%A'],
    ['a link pointing outside', '/link.txt'],
  ])('%s is not found', async (_name, url) => {
    expect(await createStaticFiles(root)(url)).toEqual({ kind: 'not-found' });
  });

  it('a folder that is missing, or has no index.html, is not built', async () => {
    expect(await createStaticFiles(path.join(tmp, 'missing'))('/')).toEqual({ kind: 'not-built' });
    expect(await createStaticFiles(path.join(tmp, 'missing'))('/assets/x.js')).toEqual({ kind: 'not-built' });
    // A path outside is refused before the folder is even looked at.
    expect(await createStaticFiles(path.join(tmp, 'missing'))('/../secret.txt')).toEqual({ kind: 'not-found' });
    const empty = path.join(tmp, 'empty');
    await fs.mkdir(empty);
    expect(await createStaticFiles(empty)('/')).toEqual({ kind: 'not-built' });
    expect(await createStaticFiles(empty)('/x.js')).toEqual({ kind: 'not-found' });
  });

  it('the page shown when it is not built says how to build it, without script', () => {
    expect(NOT_BUILT_PAGE).toContain('npm run build:renderer');
    expect(NOT_BUILT_PAGE).not.toMatch(/<script|<style|style=/i);
  });
});
