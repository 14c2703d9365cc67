import os from 'node:os';
import path from 'node:path';
import { checkFile, checkFolder, nodePathProbe, type PathProbe } from './path-checks.js';

/** The product name: also Electron's userData folder name, so CLI and app share data. */
export const APP_NAME = 'AlphaPulse Sync';

export interface DataPaths {
  dataDir: string;
  logDir: string;
  settingsFile: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The OS app-data folder of "AlphaPulse Sync", the same folder Electron's
 * `app.getPath('userData')` returns, so the desktop app and the CLI find the same data.
 */
export function defaultDataDir(env: Env, platform: NodeJS.Platform = process.platform, home: string = os.homedir()): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), APP_NAME);
}

/**
 * Where data, logs and settings live, from `DATA_DIR` / `EXCHANGE_SYNC_LOG_DIR` or the
 * defaults. Each is checked before anything touches it: a path that can never work (a
 * file, a kernel file system, far too long) is a config error naming its variable.
 */
export function resolveDataPaths(env: Env, probe: PathProbe = nodePathProbe): DataPaths {
  const dataDir = path.resolve(env.DATA_DIR?.trim() || defaultDataDir(env));
  const logDir = path.resolve(dataDir, env.EXCHANGE_SYNC_LOG_DIR?.trim() || 'logs');
  const settingsFile = path.join(dataDir, 'settings.json');
  const dataVar = env.DATA_DIR?.trim() ? 'DATA_DIR' : 'The data folder (DATA_DIR unset)';
  checkFolder(dataDir, dataVar, probe);
  checkFolder(logDir, env.EXCHANGE_SYNC_LOG_DIR?.trim() ? 'EXCHANGE_SYNC_LOG_DIR' : dataVar, probe);
  checkFile(settingsFile, dataVar, probe);
  return { dataDir, logDir, settingsFile };
}
