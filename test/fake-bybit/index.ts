// Public surface of the fake Bybit V5 server, for tests and the benchmark.
export { createServer, type CreateServerOptions, type FakeBybitServer } from './server.js';
export { smallScenario, classicScenario, wholeScenario } from './scenario.js';
export { accountEquity, equityByCoin } from './equity.js';
export { benchScenario, type BenchScenarioOptions } from './bench-scenario.js';
export * from './scenario-types.js';
export * from './keys.js';
export type { FaultAction, FaultSpec, ActiveFault } from './faults.js';
export type { RequestLogEntry } from './request-log.js';
export { DEFAULT_RATE_LIMITS, PUBLISHED_HISTORY_LIMITS } from './rate-limit.js';
export * from './history-types.js';
export { signPayload } from './auth.js';
export { priceAt, usdtPrice } from './prices.js';
export { fillFee, MAX_WINDOW_MS, HISTORY_MS } from './executions.js';
export { withEuroPair } from './eur-market.js';
