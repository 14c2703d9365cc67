import { EXIT, runCli, type StopSignal } from './run-cli.js';

// Entry point of the `alphapulse-sync` bin (bundled to dist/cli.js). All logic is in
// runCli so tests run it in-process with their own env and streams.

/** Past this, a stopped command exits even if something still hangs (a second signal kills at once). */
const STOP_GRACE_MS = 4500;

const stopSignal = new Promise<StopSignal>((resolve) => {
  const stop = (signal: StopSignal) => {
    resolve(signal);
    setTimeout(() => process.exit(EXIT[signal]), STOP_GRACE_MS).unref();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
});
const code = await runCli(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr, stopSignal });
process.exitCode = code;
// Pending timers or sockets must not keep a finished one-off command alive.
setTimeout(() => process.exit(code), 200).unref();
