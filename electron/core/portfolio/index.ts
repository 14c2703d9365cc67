export * from './decimal.js';
export * from './cash.js';
export { averageCost, computeCostBasis, type CostBasis, type CostFill } from './cost-basis.js';
export * from './pricing.js';
export * from './valuation.js';
export * from './unrealised.js';
