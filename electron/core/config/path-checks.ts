import fs from 'node:fs';
import path from 'node:path';
import { configError, type AppError } from '../errors.js';

/** What the checks ask of the file system; tests pass their own. */
export interface PathProbe {
  /** fs.statSync: throws an errno error (ENOENT, ENOTDIR, EACCES…) when it cannot. */
  stat(p: string): { isDirectory(): boolean };
  /** The file system's type (statfs magic number), or null where the OS does not tell. */
  fsType(p: string): number | null;
}

export const nodePathProbe: PathProbe = {
  stat: (p) => fs.statSync(p),
  fsType: (p) => (process.platform === 'linux' ? Number(fs.statfsSync(p).type) : null),
};

// Kernel file systems that hold no files of ours. Creating a folder there fails oddly
// (EPERM on /sys; on /proc Node's recursive mkdir never returns), so they are refused
// before anything is created.
const SYSTEM_FS: ReadonlyMap<number, string> = new Map([
  [0x9fa0, 'proc'], [0x62656572, 'sysfs'], [0x27e0eb, 'cgroup'], [0x63677270, 'cgroup2'], [0x1cd1, 'devpts'],
  [0x64626720, 'debugfs'], [0x74726163, 'tracefs'], [0x73636673, 'securityfs'], [0xcafe4a11, 'bpf'],
  [0x6165676c, 'pstore'], [0xf97cff8c, 'selinuxfs'], [0x62656570, 'configfs'], [0xde5e81e4, 'efivarfs'],
]);

const PATH_MAX = 4095;
const NAME_MAX = 255;

/** A path fit for a one-line message: a very long one is cut in the middle. */
export function shortPath(p: string, max = 100): string {
  return p.length <= max ? p : `${p.slice(0, Math.ceil(max / 2) - 1)}…${p.slice(-Math.floor(max / 2))}`;
}

/**
 * Checks, without creating or changing anything, that `folder` is or can become a folder
 * where files are stored: not too long, not a file, not inside a file, not on a kernel
 * file system. Throws a config error naming `variable` (the CLI exits with 2). A folder
 * that exists but is read-only passes: what can still work then should.
 */
export function checkFolder(folder: string, variable: string, probe: PathProbe = nodePathProbe): void {
  const fail = (problem: string, fix = `Set ${variable} to a folder on a disk (it is created if missing).`): AppError =>
    configError(`${variable} ${problem}`, fix);
  const shown = `"${shortPath(folder)}"`;
  if (Buffer.byteLength(folder) > PATH_MAX || folder.split(path.sep).some((part) => Buffer.byteLength(part) > NAME_MAX)) {
    throw fail(`is too long (${folder.length} characters): ${shown}`, `Set ${variable} to a shorter path.`);
  }
  let existing = folder;
  for (;;) {
    try {
      if (!probe.stat(existing).isDirectory()) {
        throw fail(existing === folder ? `is not a folder: ${shown}` : `points inside a file: "${shortPath(existing)}" is a file, not a folder`);
      }
      break;
    } catch (e) {
      if (!isErrno(e)) throw e;
      const code = e.code;
      // Missing, or a file on the way (found when the walk reaches it): look further up.
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        const up = path.dirname(existing);
        if (up === existing) return;
        existing = up;
        continue;
      }
      if (code === 'ENAMETOOLONG') throw fail(`is too long: ${shown}`, `Set ${variable} to a shorter path.`);
      if (code === 'ELOOP') throw fail(`goes through a loop of symbolic links: ${shown}`);
      throw fail(`cannot be used: "${shortPath(existing)}" cannot be read (${code ?? 'error'})`, `Check the permissions of that folder, or set ${variable} to another folder.`);
    }
  }
  const type = probe.fsType(existing);
  const system = type === null ? undefined : SYSTEM_FS.get(type);
  if (system) throw fail(`is on a kernel file system (${system}), where nothing can be stored: ${shown}`);
}

/** Checks that `file`, if it exists, is a file (settings.json that is a folder is refused). */
export function checkFile(file: string, variable: string, probe: PathProbe = nodePathProbe): void {
  let isFolder = false;
  try {
    isFolder = probe.stat(file).isDirectory();
  } catch (e) {
    if (!isErrno(e)) throw e;
    return; // missing or unreadable: the reader reports it
  }
  if (isFolder) {
    throw configError(`${variable} holds a folder where a file belongs: "${shortPath(file)}" is a folder`, `Move that folder away (a new ${path.basename(file)} is created), or set ${variable} to another folder.`);
  }
}

function isErrno(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string';
}
