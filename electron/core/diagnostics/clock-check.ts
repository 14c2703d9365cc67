import type { AccountSession } from './account-session.js';
import { asAppError, blockedBy, fail, humanDuration, pass, warn, type CheckDefinition, type CheckOutcome } from './check-types.js';

/** Bybit accepts a request up to recvWindow behind its clock (5000 ms as the app signs). */
export const RECV_WINDOW_MS = 5000;
/** How far off each exchange lets a request's time be, where it differs from Bybit's (OKX: 30 s either way). */
const WINDOW_BY_EXCHANGE: Record<string, number> = { okx: 30_000 };
/** Past this the offset is worth fixing, though the app compensates. */
export const CLOCK_WARN_MS = 1000;

/** Offset of this computer's clock to the exchange's server time. */
export function clockCheck(session: AccountSession, platform: NodeJS.Platform): CheckDefinition {
  return { id: 'clock', account: session.label, title: 'Clock', run: () => checkClock(session, platform) };
}

async function checkClock(session: AccountSession, platform: NodeJS.Platform): Promise<CheckOutcome> {
  let reading;
  try {
    reading = await (await session.client()).clock();
  } catch (e) {
    return blockedBy(asAppError(e));
  }
  const { offsetMs, serverTime, roundTripMs } = reading;
  const windowMs = WINDOW_BY_EXCHANGE[session.account.exchangeId] ?? RECV_WINDOW_MS;
  const data = { offsetMs, serverTime: new Date(serverTime).toISOString(), roundTripMs, warnAboveMs: CLOCK_WARN_MS, recvWindowMs: windowMs, platform };
  const direction = offsetMs > 0 ? 'ahead of' : 'behind';
  const said = `This computer's clock is ${humanDuration(offsetMs)} ${direction} ${session.exchangeName}'s`;
  if (Math.abs(offsetMs) > windowMs) {
    return fail(`${said}: more than the ${windowMs / 1000} s the exchange accepts. AlphaPulse Sync measures and compensates, but other tools fail and one stale measurement fails a sync`,
      clockAdvice(platform), data);
  }
  if (Math.abs(offsetMs) > CLOCK_WARN_MS) return warn(`${said} (AlphaPulse Sync compensates; the exchange allows ${windowMs / 1000} s)`, clockAdvice(platform), data);
  return pass(`Clock within ${humanDuration(offsetMs)} of ${session.exchangeName}'s (round trip ${roundTripMs} ms)`, data);
}

/** How to turn on time sync, for the OS this runs on. */
export function clockAdvice(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'win32':
      return 'Settings › Time & language › Date & time: turn on "Set time automatically" and click "Sync now" (or run `w32tm /resync` as administrator).';
    case 'darwin':
      return 'System Settings › General › Date & Time: turn on "Set time and date automatically" (or run `sudo sntp -sS time.apple.com`).';
    default:
      return 'Turn on network time sync: `sudo timedatectl set-ntp true` (systemd), or install and start chrony or ntpd; `timedatectl status` shows whether the clock is synchronised.';
  }
}
