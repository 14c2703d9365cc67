import type { ApiError } from '../../../electron/preload/types.js';
import { ERROR_CLASSES, type ErrorClass } from '../../../shared/domain.js';

/**
 * Every call rejects with an ApiError; a transport failure (socket closed mid-call) or a
 * bug may still surface as a plain Error. Either way the screen gets the same shape.
 */
export function toApiError(e: unknown): ApiError {
  if (typeof e === 'object' && e !== null) {
    const o = e as Partial<Record<keyof ApiError, unknown>>;
    if (typeof o.message === 'string' && typeof o.errorClass === 'string' && (ERROR_CLASSES as readonly string[]).includes(o.errorClass)) {
      return { errorClass: o.errorClass as ErrorClass, message: o.message, recommendation: typeof o.recommendation === 'string' ? o.recommendation : '' };
    }
    if (typeof o.message === 'string') {
      return { errorClass: 'internal', message: o.message, recommendation: 'Try again; if it keeps failing, run Diagnostics.' };
    }
  }
  return { errorClass: 'internal', message: 'Something went wrong.', recommendation: 'Try again; if it keeps failing, run Diagnostics.' };
}

export { errorClassLabel } from '../../../shared/format/error-class.js';
