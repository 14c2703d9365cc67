import { runCli } from './run-cli.js';

// Entry point of the `alphapulse-sync` bin (bundled to dist/cli.js). All logic is in
// runCli so tests run it in-process with their own env and streams.
const stopSignal = new Promise<void>((resolve) => {
  process.once('SIGINT', () => resolve());
  process.once('SIGTERM', () => resolve());
});
const code = await runCli(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr, stopSignal });
process.exitCode = code;
// Pending timers or sockets must not keep a finished one-off command alive.
setTimeout(() => process.exit(code), 200).unref();
