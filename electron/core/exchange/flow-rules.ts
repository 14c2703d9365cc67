import type { FlowRules } from '../portfolio/flows.js';
import { BYBIT_FLOW_RULES, bybitFlowRules } from './bybit/bybit-flow-rules.js';
import { OKX_FLOW_RULES } from './okx/okx-flow-rules.js';

const RULES: Readonly<Record<string, FlowRules>> = { bybit: BYBIT_FLOW_RULES, okx: OKX_FLOW_RULES };

/**
 * How an exchange's stored records move the account's coins (`account.ownId`: the
 * account's own id on the exchange, where the sync read it). The generic ccxt client
 * stores spot fills only, which every rule set reads alike; it gets Bybit's.
 */
export function flowRulesFor(exchangeId: string, account: { ownId?: string | null } = {}): FlowRules {
  // A Bybit account's own member id places every sub-account transfer, even with a single
  // counterparty (where the ids the records share cannot tell which side is this one).
  if (exchangeId === 'bybit' && account.ownId) return bybitFlowRules(account.ownId);
  return RULES[exchangeId] ?? BYBIT_FLOW_RULES;
}
