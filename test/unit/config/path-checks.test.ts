import { describe, expect, it } from 'vitest';
import { checkFile, checkFolder, shortPath, type PathProbe } from '../../../electron/core/config/path-checks.js';
import { isAppError } from '../../../electron/core/errors.js';

const PROC = 0x9fa0;
const SYSFS = 0x62656572;
const EXT4 = 0xef53;

/** A file system of folders ('d'), files ('f') and unreadable entries ('x'), on mounts by prefix. */
function probe(entries: Record<string, 'd' | 'f' | 'x'>, mounts: Record<string, number> = {}): PathProbe {
  const errno = (code: string) => Object.assign(new Error(code), { code });
  return {
    stat(p) {
      const parts = p.split('/').filter(Boolean);
      for (let i = 1; i < parts.length; i++) if (entries[`/${parts.slice(0, i).join('/')}`] === 'f') throw errno('ENOTDIR');
      const kind = p === '/' ? 'd' : entries[p];
      if (kind === undefined) throw errno('ENOENT');
      if (kind === 'x') throw errno('EACCES');
      return { isDirectory: () => kind === 'd' };
    },
    fsType(p) {
      const mount = Object.keys(mounts).filter((m) => p === m || p.startsWith(`${m}/`)).sort((a, b) => b.length - a.length)[0];
      return mount ? mounts[mount]! : EXT4;
    },
  };
}

function failure(fn: () => void): { message: string; recommendation: string } {
  try {
    fn();
  } catch (e) {
    if (!isAppError(e)) throw e;
    expect(e.errorClass).toBe('config');
    return { message: e.message, recommendation: e.recommendation };
  }
  throw new Error('expected a config error');
}

describe('checkFolder', () => {
  const fs = probe({ '/home': 'd', '/home/u': 'd', '/home/u/file': 'f', '/proc': 'd', '/sys': 'd', '/secret': 'x' }, { '/proc': PROC, '/sys': SYSFS });

  it('accepts an existing folder and a missing one under a folder', () => {
    expect(() => checkFolder('/home/u', 'DATA_DIR', fs)).not.toThrow();
    expect(() => checkFolder('/home/u/new/deeper', 'DATA_DIR', fs)).not.toThrow();
  });

  it('refuses a file, a path inside a file, and kernel file systems, naming the variable', () => {
    expect(failure(() => checkFolder('/home/u/file', 'DATA_DIR', fs)).message).toBe('DATA_DIR is not a folder: "/home/u/file"');
    expect(failure(() => checkFolder('/home/u/file/sub/x', 'EXCHANGE_SYNC_LOG_DIR', fs)).message)
      .toBe('EXCHANGE_SYNC_LOG_DIR points inside a file: "/home/u/file" is a file, not a folder');
    expect(failure(() => checkFolder('/proc/x', 'DATA_DIR', fs)).message).toMatch(/^DATA_DIR is on a kernel file system \(proc\)/);
    expect(failure(() => checkFolder('/sys/x/y', 'DATA_DIR', fs)).message).toMatch(/^DATA_DIR is on a kernel file system \(sysfs\)/);
    expect(failure(() => checkFolder('/secret/x', 'DATA_DIR', fs)).message).toBe('DATA_DIR cannot be used: "/secret" cannot be read (EACCES)');
  });

  it('refuses a path too long for the system without echoing it', () => {
    const tooLong = `/home/${'a'.repeat(5000)}`;
    const e = failure(() => checkFolder(tooLong, 'DATA_DIR', fs));
    expect(e.message).toMatch(/^DATA_DIR is too long \(5006 characters\)/);
    expect(e.message.length).toBeLessThan(200);
    expect(failure(() => checkFolder(`/home/${'b'.repeat(256)}`, 'DATA_DIR', fs)).message).toMatch(/too long/);
    expect(() => checkFolder(`/home/${'b'.repeat(255)}`, 'DATA_DIR', fs)).not.toThrow();
  });
});

describe('checkFile', () => {
  it('refuses a folder where a file belongs, and leaves a missing file to its reader', () => {
    const fs = probe({ '/d': 'd', '/d/settings.json': 'd', '/e': 'd', '/e/settings.json': 'f' });
    expect(failure(() => checkFile('/d/settings.json', 'DATA_DIR', fs)).message).toBe('DATA_DIR holds a folder where a file belongs: "/d/settings.json" is a folder');
    expect(() => checkFile('/e/settings.json', 'DATA_DIR', fs)).not.toThrow();
    expect(() => checkFile('/f/settings.json', 'DATA_DIR', fs)).not.toThrow();
  });
});

describe('shortPath', () => {
  it('keeps short paths and cuts long ones in the middle', () => {
    expect(shortPath('/a/b')).toBe('/a/b');
    const cut = shortPath(`/start/${'m'.repeat(500)}/end`, 40);
    expect(cut).toHaveLength(40);
    expect(cut.startsWith('/start/')).toBe(true);
    expect(cut.endsWith('/end')).toBe(true);
  });
});
