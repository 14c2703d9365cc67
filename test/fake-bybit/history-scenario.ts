// The small account's history beyond its fills, hand-checkable like the rest of it.
import type { Fill } from './scenario-types.js';
import type { ScenarioHistory } from './history-types.js';

/**
 * Derivative trades (besides the open BTCUSDT long of the small scenario):
 *
 * | days ago | trade | fee |
 * | --- | --- | --- |
 * | 40 / 35 | linear buy / sell 0.05 ETHUSDT @ 2000 / 2200 | 0.055 / 0.0605 USDT |
 * | 25 / 22 | inverse buy / sell 1000 BTCUSD @ 80000 / 84000 | 0.00000688 / 0.00000655 BTC |
 * | 9 | a funding execution of the BTCUSDT long (not a trade) | |
 */
export function derivativeFills(at: (daysAgo: number, hours?: number) => number): Fill[] {
  return [
    { category: 'linear', symbol: 'ETHUSDT', side: 'Buy', execQty: '0.05', execPrice: '2000', execTime: at(40), execFee: '0.055', closedSize: '0' },
    { category: 'linear', symbol: 'ETHUSDT', side: 'Sell', execQty: '0.05', execPrice: '2200', execTime: at(35), execFee: '0.0605', closedSize: '0.05' },
    { category: 'inverse', symbol: 'BTCUSD', side: 'Buy', execQty: '1000', execPrice: '80000', execTime: at(25), execFee: '0.00000688', closedSize: '0' },
    { category: 'inverse', symbol: 'BTCUSD', side: 'Sell', execQty: '1000', execPrice: '84000', execTime: at(22), execFee: '0.00000655', closedSize: '1000' },
    { category: 'linear', symbol: 'BTCUSDT', side: 'Sell', execQty: '0.1', execPrice: '88000', execTime: at(9, 0), execFee: '0.45', execType: 'Funding' },
  ];
}

/**
 * Closed P&L of those round trips and an older one (200 days ago); the transaction log's
 * funding, fee and transfer rows; two deposits, a withdrawal, two internal transfers, a
 * universal transfer from a sub-account and a convert.
 */
export function smallHistory(at: (daysAgo: number, hours?: number) => number): ScenarioHistory {
  return {
    closedPnl: [
      {
        category: 'linear', symbol: 'ETHUSDT', orderId: 'c1a0e7d2-0001-4000-8000-00000000eth1', side: 'Sell', qty: '0.05', orderPrice: '2200',
        closedSize: '0.05', avgEntryPrice: '2000', avgExitPrice: '2200', cumEntryValue: '100', cumExitValue: '110', closedPnl: '9.8845',
        openFee: '0.055', closeFee: '0.0605', leverage: '5', createdTime: at(35),
      },
      {
        category: 'inverse', symbol: 'BTCUSD', orderId: 'c1a0e7d2-0002-4000-8000-00000000btc1', side: 'Sell', qty: '1000', orderPrice: '84000',
        closedSize: '1000', avgEntryPrice: '80000', avgExitPrice: '84000', cumEntryValue: '0.0125', cumExitValue: '0.01190476', closedPnl: '0.00058161',
        openFee: '0.00000688', closeFee: '0.00000655', leverage: '2', createdTime: at(22),
      },
      {
        category: 'linear', symbol: 'BTCUSDT', orderId: 'c1a0e7d2-0003-4000-8000-00000000old1', side: 'Buy', qty: '0.01', orderPrice: '31250',
        closedSize: '0.01', avgEntryPrice: '30000', avgExitPrice: '31250', cumEntryValue: '300', cumExitValue: '312.5', closedPnl: '-12.84375',
        openFee: '0.165', closeFee: '0.17875', leverage: '10', createdTime: at(200),
      },
    ],
    transactionLog: [
      { id: 'tl-0001', category: '', symbol: '', side: 'None', type: 'TRANSFER_IN', currency: 'USDT', cashFlow: '1000', change: '1000', cashBalance: '6000', transactionTime: at(90) },
      { id: 'tl-0002', category: 'linear', symbol: 'ETHUSDT', side: 'Buy', type: 'TRADE', currency: 'USDT', qty: '0.05', size: '0.05', tradePrice: '2000', fee: '0.055', cashFlow: '0', change: '-0.055', cashBalance: '5999.945', transactionTime: at(40) },
      { id: 'tl-0003', category: 'linear', symbol: 'BTCUSDT', side: 'Buy', type: 'SETTLEMENT', currency: 'USDT', size: '0.1', funding: '-0.45', cashFlow: '0', change: '-0.45', cashBalance: '5999.495', transactionTime: at(9, 0) },
      { id: 'tl-0004', category: 'linear', symbol: 'BTCUSDT', side: 'Buy', type: 'SETTLEMENT', currency: 'USDT', size: '0.1', funding: '0.12', cashFlow: '0', change: '0.12', cashBalance: '5999.615', transactionTime: at(8, 16) },
    ],
    deposits: [
      { id: '1012345', coin: 'BTC', chain: 'BTC', amount: '0.5', txID: '7b1f0c6a9e52d4b3a0e6b1f0c6a9e52d4b3a0e6b1f0c6a9e52d4b3a0e6b1f0c6', status: 3, toAddress: 'bc1qfakeaddress0000000000000000000000', depositFee: '', successAt: at(300) },
      { id: '1012346', coin: 'USDT', chain: 'ETH', amount: '6000', txID: '0x5e1f0000000000000000000000000000000000000000000000000000000000aa', status: 3, toAddress: '0xfake00000000000000000000000000000000000001', depositFee: '', successAt: at(95) },
    ],
    withdrawals: [
      { withdrawId: '2034567', coin: 'BTC', chain: 'BTC', amount: '0.1', withdrawFee: '0.0002', txID: 'c0ffee0000000000000000000000000000000000000000000000000000000001', status: 'success', toAddress: 'bc1qelsewhere00000000000000000000000', withdrawType: 0, createTime: at(70) },
    ],
    internalTransfers: [
      { transferId: '3f1c2e40-0001-4000-8000-000000000001', coin: 'BTC', amount: '0.1', fromAccountType: 'UNIFIED', toAccountType: 'FUND', timestamp: at(65), status: 'SUCCESS' },
      { transferId: '3f1c2e40-0002-4000-8000-000000000002', coin: 'USDT', amount: '250', fromAccountType: 'UNIFIED', toAccountType: 'FUND', timestamp: at(15), status: 'SUCCESS' },
    ],
    universalTransfers: [
      { transferId: '4a2d3f50-0001-4000-8000-000000000001', coin: 'USDT', amount: '100', fromMemberId: '200002', toMemberId: '100001', fromAccountType: 'UNIFIED', toAccountType: 'UNIFIED', timestamp: at(5), status: 'SUCCESS' },
    ],
    converts: [
      { exchangeTxId: '410e85c5-0001-4000-8000-000000000001', fromCoin: 'USDC', fromAmount: '50', toCoin: 'USDT', toAmount: '49.95', exchangeRate: '0.999', createdTime: at(33) },
    ],
  };
}
