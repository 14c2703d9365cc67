// Public surface of the fake OKX V5 server, for tests and the benchmark.
export { createOkxServer, type CreateOkxServerOptions, type FakeOkxServer } from './server.js';
export * from './scenario.js';
export { wholeOkxScenario } from './whole-scenario.js';
export * from './keys.js';
export { okxSign } from './auth.js';
export { okxBenchScenario } from './bench-scenario.js';
