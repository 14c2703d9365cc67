import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';
import type { DbLog } from './db-log.js';
import type { RunAs } from './run-as-user.js';
import type { AuthRecord, ServerPaths } from './server-files.js';

export interface InitClusterOptions {
  initdb: string;
  paths: ServerPaths;
  auth: AuthRecord;
  runAs: RunAs | undefined;
  /** false skips initdb's fsync: for throw-away test servers only. */
  durable: boolean;
  log: DbLog;
}

/**
 * Creates the cluster with initdb: UTF8, locale C, scram-sha-256 for every connection.
 * It is built in a side folder and renamed into place, so a crash half-way leaves no
 * half-initialised cluster that would later fail to start.
 */
export async function initCluster(opts: InitClusterOptions): Promise<void> {
  const { paths, runAs } = opts;
  await removeLeftovers(paths);
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const building = `${paths.pgData}.init-${suffix}`;
  const pwFile = path.join(paths.dataDir, `.postgres-init-pw-${suffix}`);
  await fs.mkdir(building, { mode: 0o700 });
  await fs.writeFile(pwFile, `${opts.auth.password}\n`, { mode: 0o600 });
  if (runAs) {
    await fs.chown(building, runAs.uid, runAs.gid);
    await fs.chown(pwFile, runAs.uid, runAs.gid);
  }
  const started = Date.now();
  try {
    const args = [`--pgdata=${building}`, '--auth=scram-sha-256', `--username=${opts.auth.user}`, `--pwfile=${pwFile}`,
      '--encoding=UTF8', '--locale=C', '--no-instructions', ...(opts.durable ? [] : ['--no-sync'])];
    const output = await runInitdb(opts.initdb, args, runAs);
    await fs.appendFile(paths.logFile, output, { mode: 0o600 });
    await fs.rename(building, paths.pgData);
  } catch (e) {
    await fs.rm(building, { recursive: true, force: true });
    throw e;
  } finally {
    await fs.rm(pwFile, { force: true });
  }
  opts.log.info('Initialised the built-in database cluster', { folder: paths.pgData, ms: Date.now() - started });
}

// Folders of an initdb that was interrupted; we hold the server lock, so none is in use.
async function removeLeftovers(paths: ServerPaths): Promise<void> {
  const base = path.basename(paths.pgData);
  for (const name of await fs.readdir(paths.dataDir)) {
    if (name.startsWith(`${base}.init-`) || name.startsWith('.postgres-init-pw-')) {
      await fs.rm(path.join(paths.dataDir, name), { recursive: true, force: true });
    }
  }
}

function runInitdb(initdb: string, args: string[], runAs: RunAs | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(initdb, args, { cwd: '/', env: serverEnv(), stdio: ['ignore', 'pipe', 'pipe'], ...runAs });
    let output = '';
    child.stdout.on('data', (c: Buffer) => { output += c.toString('utf8'); });
    child.stderr.on('data', (c: Buffer) => { output += c.toString('utf8'); });
    child.on('error', (cause) => reject(new AppError('database', `Could not run initdb to create the built-in database: ${cause.message}`,
      'Reinstall AlphaPulse Sync (npm install), or set DATABASE_URL to use another PostgreSQL server.', { cause })));
    child.on('close', (code, signal) => {
      if (code === 0) return resolve(output);
      const tail = output.trim().split('\n').slice(-8).join('\n');
      reject(new AppError('database', `Creating the built-in database failed (initdb ${signal ?? `exit ${code}`}): ${tail}`,
        'Check that the data folder is on a local disk with free space and that its owner can write to it.'));
    });
  });
}

/**
 * The environment of initdb and postgres: a bare one. Ours may hold API keys and
 * DATABASE_URL, and the server process must not inherit them; locale C keeps its
 * messages in English, which the start-up diagnosis reads.
 */
export function serverEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', LANG: 'C', TZ: 'UTC' };
}
