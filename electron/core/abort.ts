import { setMaxListeners } from 'node:events';
import { setTimeout as sleepFor } from 'node:timers/promises';
import { AppError } from './errors.js';

/**
 * Settles like `promise`, or rejects with the signal's reason as soon as it aborts: a
 * caller stops waiting at once, whatever it was waiting for (a socket, a backoff).
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | null | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(abortReason(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => { signal.removeEventListener('abort', onAbort); resolve(v); },
      (e: unknown) => { signal.removeEventListener('abort', onAbort); reject(e); },
    );
  });
}

/** Waits `ms`, or rejects with the signal's reason when it aborts first. */
export async function abortableSleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  if (!signal) return sleepFor(ms);
  if (signal.aborted) throw abortReason(signal);
  try {
    await sleepFor(ms, undefined, { signal });
  } catch (e) {
    if (signal.aborted) throw abortReason(signal);
    throw e;
  }
}

/** Throws the signal's reason when it has aborted: checked before anything new starts. */
export function throwIfAborted(signal: AbortSignal | null | undefined): void {
  if (signal?.aborted) throw abortReason(signal);
}

/** Why a signal aborted, as a classified error (a bare abort becomes 'cancelled'). */
export function abortReason(signal: AbortSignal): AppError {
  const reason: unknown = signal.reason;
  if (reason instanceof AppError) return reason;
  return cancelledError(typeof reason === 'string' ? reason : 'it was cancelled');
}

/** A sync stopped on purpose (quit, a signal, an explicit cancel): rolled back, tried again next time. */
export function cancelledError(reason: string): AppError {
  return new AppError('cancelled', `The sync was stopped: ${reason}`, 'Nothing was saved from the stopped sync; the last good data is kept and the next sync tries again.', { transient: true });
}

/**
 * A controller that follows `parent` (aborting with its reason) until {@link Linked.dispose};
 * many requests may listen to its signal at once without Node's listener warning.
 */
export interface Linked {
  controller: AbortController;
  signal: AbortSignal;
  dispose(): void;
}

export function linkedController(parent: AbortSignal | null | undefined): Linked {
  const controller = new AbortController();
  // One listener per request in flight (hundreds on a first sync) is expected here.
  setMaxListeners(0, controller.signal);
  const follow = () => controller.abort(parent?.reason);
  if (parent?.aborted) follow();
  else parent?.addEventListener('abort', follow, { once: true });
  return { controller, signal: controller.signal, dispose: () => parent?.removeEventListener('abort', follow) };
}
