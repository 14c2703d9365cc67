import type { Logger } from '../logging/logger.js';

/** The part of the app logger the database layer uses; tests pass a recorder or no-ops. */
export type DbLog = Pick<Logger, 'debug' | 'info' | 'warn'>;
