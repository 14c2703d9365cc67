// `npm test`: typecheck, lint, then `vitest run` with this script's arguments.
//
// On Linux with dbus-run-session and gnome-keyring-daemon, everything runs inside a
// private D-Bus session with a throw-away GNOME keyring (HOME, XDG_DATA_HOME and
// XDG_RUNTIME_DIR point at a temporary folder), unlocked with a password on stdin: the
// keychain tests then talk to a real Secret Service without touching the user's own
// keyring. ALPHAPULSE_TEST_KEYRING tells them a keyring is expected, so they fail rather
// than skip when it does not answer (as they do under CI=true).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const self = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);
const bin = (name) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const has = (cmd) => process.platform !== 'win32' && spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

if (process.env.ALPHAPULSE_TEST_SESSION !== '1' && process.platform === 'linux' && has('dbus-run-session') && has('gnome-keyring-daemon')) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'alphapulse-keyring-'));
  for (const dir of ['data', 'run']) mkdirSync(path.join(tmp, dir), { mode: 0o700 });
  const env = {
    ...process.env,
    ALPHAPULSE_TEST_SESSION: '1',
    ALPHAPULSE_SAVED_ENV: JSON.stringify({ HOME: process.env.HOME ?? null, XDG_DATA_HOME: process.env.XDG_DATA_HOME ?? null, XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? null }),
    HOME: tmp,
    XDG_DATA_HOME: path.join(tmp, 'data'),
    XDG_RUNTIME_DIR: path.join(tmp, 'run'),
  };
  delete env.GNOME_KEYRING_CONTROL;
  delete env.DBUS_SESSION_BUS_ADDRESS;
  const r = spawnSync('dbus-run-session', ['--', process.execPath, self, ...args], { stdio: 'inherit', env });
  rmSync(tmp, { recursive: true, force: true });
  process.exit(r.status ?? 1);
}

if (process.env.ALPHAPULSE_TEST_SESSION === '1') {
  // The daemon forks and stays on this session bus until the session ends.
  const r = spawnSync('gnome-keyring-daemon', ['--unlock', '--components=secrets'], { input: 'alphapulse-test', encoding: 'utf8', timeout: 20_000 });
  if (r.status === 0) {
    for (const line of r.stdout.split('\n')) {
      const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
      if (m) process.env[m[1]] = m[2];
    }
    process.env.ALPHAPULSE_TEST_KEYRING = 'gnome-keyring';
  } else {
    console.error(`test: gnome-keyring-daemon did not start (${r.stderr?.trim() || r.error?.message || `exit ${r.status}`}); keychain tests skip unless CI=true`);
  }
  // Only the keyring needed the temporary home; the tools get the user's environment back.
  for (const [name, value] of Object.entries(JSON.parse(process.env.ALPHAPULSE_SAVED_ENV ?? '{}'))) {
    if (value === undefined || value === null) delete process.env[name];
    else process.env[name] = value;
  }
}

// `npm start` rebuilds keytar for Electron's ABI; Node then cannot load it. Rebuild it
// for Node (from the local headers) so the keychain tests run.
const keytarCheck = spawnSync(process.execPath, ['-e', "require('keytar')"], { cwd: root, encoding: 'utf8' });
if (keytarCheck.status !== 0 && /NODE_MODULE_VERSION/.test(keytarCheck.stderr)) {
  console.error('test: keytar is built for Electron (npm start does that); rebuilding it for Node…');
  spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['rebuild', 'keytar'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
}

const steps = [
  [bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']],
  // The renderer has its own config: DOM types, JSX, bundler resolution.
  [bin('tsc'), ['-p', 'renderer/tsconfig.json', '--noEmit']],
  [bin('eslint'), ['.']],
  [bin('vitest'), ['run', ...args]],
];
for (const [cmd, cmdArgs] of steps) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
