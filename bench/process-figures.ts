import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { median, timeMs } from './stats.js';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'alphapulse-sync.js');

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.on('exit', (code) => (code === 0 ? resolve(0) : reject(new Error(`alphapulse-sync ${args.join(' ')} exited ${code}: ${err}`))));
  });
}

/**
 * CLI start to ready: `status --json` in a data folder whose built-in database is
 * initialised but not running (the process starts it, answers, stops it).
 */
export async function measureCliStart(env: NodeJS.ProcessEnv): Promise<{ ms: number }> {
  await runCli(['status', '--json'], env); // initialises the cluster once
  const times: number[] = [];
  for (let i = 0; i < 7; i++) times.push((await timeMs(() => runCli(['status', '--json'], env))).ms);
  return { ms: median(times) };
}

/** Resident memory of `serve` once its first sync is done and it sits idle. */
export async function measureServeRss(env: NodeJS.ProcessEnv): Promise<{ rssMb: number }> {
  const child = spawn(process.execPath, [bin, 'serve'], { env: { ...env, EXCHANGE_SYNC_INTERVAL_MINUTES: '1440' }, stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    await new Promise<void>((resolve, reject) => {
      let err = '';
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
        if (/synced \(/.test(err)) resolve();
        if (/FAILED/.test(err)) reject(new Error(`serve sync failed: ${err}`));
      });
      child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
    });
    // Let the sync's garbage settle as it would in a tray app sitting idle.
    await new Promise((r) => setTimeout(r, 3000));
    const status = await fs.readFile(`/proc/${child.pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
    return { rssMb: kb / 1024 };
  } finally {
    child.kill('SIGINT');
    await new Promise((r) => child.once('exit', r));
  }
}
