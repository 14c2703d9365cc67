// Mutation testing (`npm run mutate`): Stryker changes the code of the modules below one
// small fault at a time (a flipped comparison, a removed branch, an emptied string) and
// runs the unit tests against each; a mutant the tests do not notice "survives". The
// score per module is in docs/quality.md. Narrow a run with `--mutate <file>`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  // Where a silent bug costs users money or safety.
  mutate: [
    'electron/core/portfolio/**/*.ts',
    // What each exchange's records mean for the portfolio's flows (portfolio/flows.ts's seam).
    'electron/core/exchange/flow-rules.ts',
    'electron/core/exchange/*/*-flow-rules.ts',
    'electron/core/exchange/classify-error.ts',
    'electron/core/redact.ts',
    'electron/core/exchange/resilience.ts',
    'electron/core/exchange/rate-gate.ts',
    'electron/core/sync/breaker.ts',
    'electron/core/transport/request-guard.ts',
    'electron/core/transport/security-headers.ts',
    'electron/core/transport/serve-options.ts',
    'electron/core/transport/static-files.ts',
    'electron/shell/sender-guard.ts',
    'electron/shell/security.ts',
  ],
  coverageAnalysis: 'perTest',
  // Two cores shared with everything else on the machine.
  concurrency: 2,
  timeoutMS: 10_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 95, low: 85, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
