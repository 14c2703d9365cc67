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
    for (const name of ['page.html', 'mod.mjs', 'data.json', 'icon.svg', 'logo.png', 'favicon.ico', 'font.woff2', 'font.woff']) await fs.writeFile(path.join(root, name), name);
    // A file whose name holds a backslash: on Windows that is a path separator, so such a path is refused everywhere.
    await fs.writeFile(path.join(root, 'a\\b.txt'), 'backslash');
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

  it.each([
    ['page.html', 'text/html; charset=utf-8'], ['mod.mjs', 'text/javascript; charset=utf-8'], ['data.json', 'application/json'], ['icon.svg', 'image/svg+xml'],
    ['logo.png', 'image/png'], ['favicon.ico', 'image/x-icon'], ['font.woff2', 'font/woff2'], ['font.woff', 'font/woff'],
  ])('%s is sent as %s', async (name, type) => {
    expect(await createStaticFiles(root)(`/${name}`)).toEqual({ kind: 'file', body: Buffer.from(name), type, immutable: false });
  });

  it('a path without its leading slash names the same file', async () => {
    expect(await createStaticFiles(root)('assets/app-1a2b.js')).toMatchObject({ kind: 'file', immutable: true });
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
    ['a backslash, even to a file that exists', '/a%5Cb.txt'],
    ['a NUL and a backslash', '/a%00%5Cb.txt'],
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
    expect(NOT_BUILT_PAGE).toMatch(/^<!doctype html><html><head><meta charset="utf-8"><title>AlphaPulse Sync<\/title>/);
    expect(NOT_BUILT_PAGE).toMatch(/Syncing on the schedule goes on meanwhile\.<\/p><\/body><\/html>$/);
    expect(NOT_BUILT_PAGE).toContain('npm run build:renderer');
    expect(NOT_BUILT_PAGE).not.toMatch(/<script|<style|style=/i);
  });
});
