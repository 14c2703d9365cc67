// CI's mutation run (`npm run mutate:ci`, in .ci/run): the portfolio maths only, which
// fits in a few minutes on two cores, and fails the run below its threshold.
import base from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  // The portfolio maths, and the exchange rules its flows read (moved out of portfolio/flows.ts).
  mutate: ['electron/core/portfolio/**/*.ts', 'electron/core/exchange/flow-rules.ts', 'electron/core/exchange/*/*-flow-rules.ts'],
  reporters: ['clear-text', 'progress'],
  thresholds: { ...base.thresholds, break: 95 },
};
