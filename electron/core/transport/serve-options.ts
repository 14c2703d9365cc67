import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { configError } from '../errors.js';
import { estimateTokenBits, MIN_TOKEN_BITS } from './token-strength.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Where `serve` listens unless told otherwise (--port). */
export const DEFAULT_SERVE_PORT = 8780;

// Characters that survive a URL fragment and a WebSocket message unescaped.
const TOKEN_PATTERN = /^[A-Za-z0-9._~-]{16,256}$/;

/**
 * The dashboard's token: ALPHAPULSE_SERVE_TOKEN when set (a link that stays valid across
 * restarts), else 32 random bytes, new at each start.
 */
export function resolveServeToken(env: Env, random: () => Buffer = () => randomBytes(32)): string {
  const given = env.ALPHAPULSE_SERVE_TOKEN;
  if (given === undefined || given === '') return random().toString('base64url');
  if (!TOKEN_PATTERN.test(given)) {
    throw configError('ALPHAPULSE_SERVE_TOKEN must be 16 to 256 letters, digits, ".", "_", "~" or "-"',
      'Use a long random value (for example the output of `openssl rand -hex 32`), or leave it unset for a new random token at each start.');
  }
  // Length alone lets "aaaaaaaaaaaaaaaa" through; a guessable token is refused.
  if (estimateTokenBits(given) < MIN_TOKEN_BITS) {
    throw configError('ALPHAPULSE_SERVE_TOKEN is too easy to guess (too few different characters, repeats or runs such as "aaaa" or "1234")',
      'Use a random value of at least 22 letters and digits, for example the output of `openssl rand -hex 32`, or leave it unset for a new random token at each start.');
  }
  return given;
}

/**
 * renderer/dist of this installation: found from this file upwards (the bundle lives in
 * dist/, the sources in electron/core/transport/), at the folder holding package.json.
 */
export function findRendererDist(from: string = fileURLToPath(import.meta.url)): string {
  let dir = path.dirname(from);
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve('renderer', 'dist');
    dir = parent;
  }
  return path.join(dir, 'renderer', 'dist');
}

/** The link a person opens: the token rides in the fragment, which browsers never send to a server or a log. */
export function dashboardLink(serverUrl: string, token: string): string {
  return `${serverUrl}#token=${token}`;
}
