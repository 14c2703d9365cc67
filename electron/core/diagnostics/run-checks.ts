import type { DiagnosticCheck, DiagnosticsReport } from '../../../shared/api.js';
import { asAppError, fail, type CheckDefinition, type CheckOutcome } from './check-types.js';

/** How {@link runChecks} bounds, redacts and streams results. */
export interface RunChecksOptions {
  /** Per-check limit unless a check sets its own. */
  timeoutMs: number;
  /** Every text of every result passes through here (the core's redactor). */
  redact: (text: string) => string;
  /** Called with each result as soon as its check finishes, in finishing order. */
  onResult?: (check: DiagnosticCheck) => void;
}

/**
 * Runs every check at once, each bounded by its timeout and isolated from the others:
 * a check that throws or hangs becomes a failed result, never a failed run. The report
 * keeps the definitions' order, whatever order the checks finished in.
 */
export async function runChecks(defs: readonly CheckDefinition[], opts: RunChecksOptions): Promise<DiagnosticsReport> {
  const checks = await Promise.all(defs.map(async (def) => {
    const outcome = await bounded(def, def.timeoutMs ?? opts.timeoutMs);
    const check = finalise(def, outcome, opts.redact);
    try {
      opts.onResult?.(check);
    } catch {
      // A listener that fails (a closed window) must not cost the report.
    }
    return check;
  }));
  return { ok: !checks.some((c) => c.status === 'fail'), checks };
}

async function bounded(def: CheckDefinition, timeoutMs: number): Promise<CheckOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<CheckOutcome>((resolve) => {
    timer = setTimeout(() => resolve(fail(`The check did not finish within ${Math.round(timeoutMs / 1000)} s`,
      'Something on the way answers very slowly or not at all (network, proxy, database server); run the diagnostics again, and if it repeats, check the connection.',
      { timedOut: true, timeoutMs })), timeoutMs);
  });
  try {
    return await Promise.race([def.run().catch((e: unknown) => {
      const err = asAppError(e);
      return fail(`The check could not run: ${err.message}`, err.recommendation, { errorClass: err.errorClass });
    }), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

function finalise(def: CheckDefinition, o: CheckOutcome, redact: (text: string) => string): DiagnosticCheck {
  const recommendation = o.recommendation || (o.status === 'warn' || o.status === 'fail'
    ? 'Run the diagnostics again; if the problem stays, report it with this report attached.' : '');
  return {
    id: def.id, account: def.account, title: def.title, status: o.status,
    detail: redact(o.detail), recommendation: redact(recommendation), data: redactData(o.data, redact) as Record<string, unknown>,
  };
}

/** Redacts every string in a JSON-like value; drops what JSON cannot carry. */
function redactData(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value === null || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => redactData(v, redact));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = redactData(v, redact);
    return out;
  }
  return null;
}
