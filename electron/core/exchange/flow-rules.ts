import type { FlowRules } from '../portfolio/flows.js';
import { BYBIT_FLOW_RULES } from './bybit/bybit-flow-rules.js';
import { OKX_FLOW_RULES } from './okx/okx-flow-rules.js';

const RULES: Readonly<Record<string, FlowRules>> = { bybit: BYBIT_FLOW_RULES, okx: OKX_FLOW_RULES };

/**
 * How an exchange's stored records move the account's coins. The generic ccxt client
 * stores spot fills only, which every rule set reads alike; it gets Bybit's.
 */
export function flowRulesFor(exchangeId: string): FlowRules {
  return RULES[exchangeId] ?? BYBIT_FLOW_RULES;
}
