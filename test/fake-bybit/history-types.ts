// The account's history beyond spot and derivative fills, as the fake serves it: closed
// P&L, the Unified transaction log, deposits, withdrawals, transfers and converts.
// Numbers are decimal strings and times ms, as in the rest of the scenario.
import type { Side } from './scenario-types.js';

export interface ClosedPnlRecord {
  category: 'linear' | 'inverse';
  symbol: string;
  orderId: string;
  /** The closing order's side. */
  side: Side;
  qty: string;
  orderPrice: string;
  closedSize: string;
  avgEntryPrice: string;
  avgExitPrice: string;
  cumEntryValue: string;
  cumExitValue: string;
  closedPnl: string;
  openFee: string;
  closeFee: string;
  leverage: string;
  createdTime: number;
  orderType?: 'Limit' | 'Market';
  execType?: string;
  fillCount?: string;
}

export interface TransactionLogRecord {
  id: string;
  category: 'spot' | 'linear' | 'inverse' | 'option' | '';
  symbol: string;
  side: Side | 'None';
  /** Bybit's type: TRADE, SETTLEMENT (funding), TRANSFER_IN, ... */
  type: string;
  currency: string;
  change: string;
  cashBalance: string;
  transactionTime: number;
  cashFlow?: string;
  funding?: string;
  fee?: string;
  qty?: string;
  size?: string;
  tradePrice?: string;
  orderId?: string;
  tradeId?: string;
}

export interface DepositRecord {
  id: string;
  coin: string;
  chain: string;
  amount: string;
  txID: string;
  /** 3 = success, 1/2 = confirming, 4 = failed. */
  status: number;
  toAddress: string;
  depositFee: string;
  successAt: number;
  /** 0 = normal. */
  depositType?: number;
}

export interface WithdrawalRecord {
  withdrawId: string;
  coin: string;
  chain: string;
  amount: string;
  withdrawFee: string;
  txID: string;
  /** success, Pending, CancelByUser, Reject, Fail, BlockchainConfirmed, ... */
  status: string;
  toAddress: string;
  /** 0 = on chain, 1 = off chain (to another Bybit user). */
  withdrawType: number;
  createTime: number;
}

export interface TransferRecord {
  transferId: string;
  coin: string;
  amount: string;
  fromAccountType: string;
  toAccountType: string;
  timestamp: number;
  status: 'SUCCESS' | 'PENDING' | 'FAILED';
}

export interface UniversalTransferRecord extends TransferRecord {
  fromMemberId: string;
  toMemberId: string;
}

export interface ConvertRecord {
  exchangeTxId: string;
  fromCoin: string;
  fromAmount: string;
  toCoin: string;
  toAmount: string;
  exchangeRate: string;
  /** ms here; Bybit's answer gives seconds. */
  createdTime: number;
}

export interface ScenarioHistory {
  closedPnl: ClosedPnlRecord[];
  transactionLog: TransactionLogRecord[];
  deposits: DepositRecord[];
  withdrawals: WithdrawalRecord[];
  internalTransfers: TransferRecord[];
  universalTransfers: UniversalTransferRecord[];
  converts: ConvertRecord[];
}

export function emptyHistory(): ScenarioHistory {
  return { closedPnl: [], transactionLog: [], deposits: [], withdrawals: [], internalTransfers: [], universalTransfers: [], converts: [] };
}
