import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** The bin users run (it starts the bundle in dist/). */
export const CLI_BIN = path.resolve(import.meta.dirname, '../../bin/alphapulse-sync.js');

export interface CliOutcome { code: number; stdout: string; stderr: string }

/** Runs `alphapulse-sync` in a child process with only `env` (plus PATH and HOME). */
export async function runCli(args: string[], env: Record<string, string>): Promise<CliOutcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI_BIN, ...args], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env }, timeout: 90_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}
