// `npm run attack`: runs scripts/attack.ts, on Linux inside a private D-Bus session with a
// throw-away, unlocked GNOME keyring (as `npm test` does), so the matrix also covers an
// account whose key is in the keychain. Without those tools it runs as it is (the
// keychain part of the key-binding row then says it had no keychain).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const self = fileURLToPath(import.meta.url);
const has = (cmd) => process.platform === 'linux' && spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

if (process.env.ALPHAPULSE_ATTACK_SESSION !== '1' && has('dbus-run-session') && has('gnome-keyring-daemon')) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'alphapulse-attack-keyring-'));
  for (const dir of ['data', 'run']) mkdirSync(path.join(tmp, dir), { mode: 0o700 });
  const env = {
    ...process.env, ALPHAPULSE_ATTACK_SESSION: '1',
    ALPHAPULSE_SAVED_ENV: JSON.stringify({ HOME: process.env.HOME ?? null, XDG_DATA_HOME: process.env.XDG_DATA_HOME ?? null, XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? null }),
    HOME: tmp, XDG_DATA_HOME: path.join(tmp, 'data'), XDG_RUNTIME_DIR: path.join(tmp, 'run'),
  };
  delete env.GNOME_KEYRING_CONTROL;
  delete env.DBUS_SESSION_BUS_ADDRESS;
  const r = spawnSync('dbus-run-session', ['--', process.execPath, self, ...process.argv.slice(2)], { stdio: 'inherit', env });
  rmSync(tmp, { recursive: true, force: true });
  process.exit(r.status ?? 1);
}

if (process.env.ALPHAPULSE_ATTACK_SESSION === '1') {
  const r = spawnSync('gnome-keyring-daemon', ['--unlock', '--components=secrets'], { input: 'alphapulse-attack', encoding: 'utf8', timeout: 20_000 });
  if (r.status === 0) {
    for (const line of r.stdout.split('\n')) {
      const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
      if (m) process.env[m[1]] = m[2];
    }
  } else {
    console.error('attack: gnome-keyring-daemon did not start; running without a keychain');
  }
  for (const [name, value] of Object.entries(JSON.parse(process.env.ALPHAPULSE_SAVED_ENV ?? '{}'))) {
    if (value === null) delete process.env[name];
    else process.env[name] = value;
  }
}

const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'attack.ts'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
