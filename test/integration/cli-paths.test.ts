import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startHarness, type SyncHarness } from '../helpers/sync-harness.js';

// Paths that can never work are refused before anything touches them (exit 2, one line
// naming the variable, no stack); a folder that cannot be written costs the log file
// only, never the process.
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

describe('alphapulse-sync with unusable paths', () => {
  let h: SyncHarness;
  let tmp = '';

  beforeAll(async () => {
    await run(process.execPath, [path.join(root, 'scripts', 'build-core.mjs')]);
    h = await startHarness();
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'alphapulse-paths-'));
    await fs.writeFile(path.join(tmp, 'a-file'), 'x');
    await fs.mkdir(path.join(tmp, 'with-folder-settings', 'settings.json'), { recursive: true });
  });
  afterAll(async () => {
    await h.close();
    await fs.rm(tmp, { recursive: true, force: true });
  });

  const long = (): string => path.join(os.tmpdir(), 'x'.repeat(5000));
  const cases: Array<[string, () => Record<string, string>, string]> = [
    ['DATA_DIR under /proc (used to spin for ever)', () => ({ DATA_DIR: '/proc/x' }), 'DATA_DIR'],
    ['EXCHANGE_SYNC_LOG_DIR under /proc', () => ({ EXCHANGE_SYNC_LOG_DIR: '/proc/x' }), 'EXCHANGE_SYNC_LOG_DIR'],
    ['DATA_DIR under /sys', () => ({ DATA_DIR: '/sys/x' }), 'DATA_DIR'],
    ['DATA_DIR that is a file', () => ({ DATA_DIR: path.join(tmp, 'a-file') }), 'DATA_DIR'],
    ['DATA_DIR inside a file', () => ({ DATA_DIR: path.join(tmp, 'a-file', 'data') }), 'DATA_DIR'],
    ['DATA_DIR 5,000 characters long', () => ({ DATA_DIR: long() }), 'DATA_DIR'],
    ['EXCHANGE_SYNC_LOG_DIR that is a file', () => ({ EXCHANGE_SYNC_LOG_DIR: path.join(tmp, 'a-file') }), 'EXCHANGE_SYNC_LOG_DIR'],
    ['EXCHANGE_SYNC_LOG_DIR=/dev/null', () => ({ EXCHANGE_SYNC_LOG_DIR: '/dev/null' }), 'EXCHANGE_SYNC_LOG_DIR'],
    ['settings.json that is a folder', () => ({ DATA_DIR: path.join(tmp, 'with-folder-settings') }), 'DATA_DIR'],
  ];

  it.each(cases)('%s: exit 2, one line naming the variable', async (_name, env, variable) => {
    for (const command of ['status', 'sync', 'diagnose']) {
      const r = await runCli([command], { ...h.env, ...env() });
      expect(r.code, `${command}: ${r.stderr}`).toBe(2);
      const lines = r.stderr.trim().split('\n');
      // The error line, then the CLI's usual "→ what to do" line.
      expect(lines[0]).toMatch(new RegExp(`^error \\[config\\]: ${variable} `));
      expect(lines.slice(1).every((l) => l.startsWith('  → '))).toBe(true);
      expect(lines.length).toBeLessThanOrEqual(2);
      expect(r.stderr).not.toMatch(/\n\s+at |Unhandled|ENOTDIR|EEXIST|EISDIR|EPERM/);
      expect(r.stderr.length).toBeLessThan(500); // a long path is shortened, not echoed
      expect(r.stdout).toBe('');
    }
  });

  it('a read-only data folder: the log goes to stderr (said once) and the commands still run', async () => {
    const { folder, release } = await readOnlyFolder(tmp);
    try {
      const env = { ...h.env, DATA_DIR: folder };
      const sync = await runCli(['sync', '--json'], env);
      expect(sync.code, sync.stderr).toBe(0);
      expect(JSON.parse(sync.stdout)).toMatchObject({ ok: true });
      for (const r of [sync, await runCli(['status'], env), await runCli(['diagnose'], env)]) {
        expect(r.stderr).not.toMatch(/Unhandled|\n\s+at /);
        expect(r.stderr.match(/cannot be written .*logging to stderr instead/g)).toHaveLength(1);
      }
    } finally {
      await release();
    }
  });
});

/**
 * A folder this process cannot write: a read-only bind mount when run as root (root
 * ignores permissions), else a folder without write permission.
 */
async function readOnlyFolder(tmp: string): Promise<{ folder: string; release: () => Promise<void> }> {
  const src = path.join(tmp, 'ro-src');
  const folder = path.join(tmp, 'ro');
  await fs.mkdir(path.join(src, 'logs'), { recursive: true });
  await fs.mkdir(folder);
  if (process.getuid?.() !== 0) {
    await fs.chmod(path.join(src, 'logs'), 0o500);
    await fs.chmod(src, 0o500);
    return { folder: src, release: async () => { await fs.chmod(src, 0o700); await fs.chmod(path.join(src, 'logs'), 0o700); } };
  }
  await run('mount', ['--bind', src, folder]);
  await run('mount', ['-o', 'remount,bind,ro', folder]);
  return { folder, release: async () => { await run('umount', [folder]); } };
}
