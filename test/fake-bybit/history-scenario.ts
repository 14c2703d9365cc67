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
 * rows of every derivative trade (fee, realised P&L), funding and a transfer; six
 * deposits, a withdrawal, two internal transfers, universal transfers from and to
 * sub-accounts and a convert. Together with the spot fills they explain every balance
 * of the small account exactly (what the reconciliation checks):
 *
 * | coin | spot fills | other records | = balance |
 * | --- | --- | --- | --- |
 * | BTC | +0.5 | deposit 0.5 − withdrawal (0.1 + fee 0.0002) + inverse log (−0.00000688 + 0.00058849) − universal out 0.40038161 | 0.5 |
 * | USDT | −15410.168 | deposits 14518.18225 + 6000, universal in 100, convert +49.95, linear log −7.96425 | 5250 |
 * | USDC | −13000 | deposit 14050, convert −50 | 1000 |
 * | ETH, MNT | +2.997, +49.94 | — | 2.997, 49.94 |
 * | QBIT, XNOP | — | deposits 1000, 123 | 1000, 123 |
 *
 * The linear log: −0.165 − 12.67875 (the 200-day round trip, = its closed P&L −12.84375),
 * −0.055 + 9.9395 (ETHUSDT, = its closed P&L 9.8845), −4.675 (the open BTCUSDT long's fee),
 * −0.45 + 0.12 (funding) = −7.96425. The transfer-in row is a move between own wallets.
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
      { id: 'tl-0005', category: 'linear', symbol: 'BTCUSDT', side: 'Sell', type: 'TRADE', currency: 'USDT', qty: '0.01', size: '-0.01', tradePrice: '30000', fee: '0.165', cashFlow: '0', change: '-0.165', cashBalance: '14518.01725', transactionTime: at(205) },
      { id: 'tl-0006', category: 'linear', symbol: 'BTCUSDT', side: 'Buy', type: 'TRADE', currency: 'USDT', qty: '0.01', size: '0', tradePrice: '31250', fee: '0.17875', cashFlow: '-12.5', change: '-12.67875', cashBalance: '14505.3385', transactionTime: at(200) },
      { id: 'tl-0007', category: 'linear', symbol: 'ETHUSDT', side: 'Sell', type: 'TRADE', currency: 'USDT', qty: '0.05', size: '0', tradePrice: '2200', fee: '0.0605', cashFlow: '10', change: '9.9395', cashBalance: '4440.223', transactionTime: at(35) },
      { id: 'tl-0008', category: 'inverse', symbol: 'BTCUSD', side: 'Buy', type: 'TRADE', currency: 'BTC', qty: '1000', size: '1000', tradePrice: '80000', fee: '0.00000688', cashFlow: '0', change: '-0.00000688', cashBalance: '0.95979312', transactionTime: at(25) },
      { id: 'tl-0009', category: 'inverse', symbol: 'BTCUSD', side: 'Sell', type: 'TRADE', currency: 'BTC', qty: '1000', size: '0', tradePrice: '84000', fee: '0.00000655', cashFlow: '0.00059504', change: '0.00058849', cashBalance: '0.96038161', transactionTime: at(22) },
      { id: 'tl-0010', category: 'linear', symbol: 'BTCUSDT', side: 'Buy', type: 'TRADE', currency: 'USDT', qty: '0.1', size: '0.1', tradePrice: '85000', fee: '4.675', cashFlow: '0', change: '-4.675', cashBalance: '5150.33', transactionTime: at(10) },
    ],
    deposits: [
      { id: '1012345', coin: 'BTC', chain: 'BTC', amount: '0.5', txID: '7b1f0c6a9e52d4b3a0e6b1f0c6a9e52d4b3a0e6b1f0c6a9e52d4b3a0e6b1f0c6', status: 3, toAddress: 'bc1qfakeaddress0000000000000000000000', depositFee: '', successAt: at(300) },
      { id: '1012346', coin: 'USDT', chain: 'ETH', amount: '6000', txID: '0x5e1f0000000000000000000000000000000000000000000000000000000000aa', status: 3, toAddress: '0xfake00000000000000000000000000000000000001', depositFee: '', successAt: at(95) },
      { id: '1012347', coin: 'USDT', chain: 'TRX', amount: '14518.18225', txID: 'a1b2000000000000000000000000000000000000000000000000000000000001', status: 3, toAddress: 'TFakeAddress000000000000000000001', depositFee: '', successAt: at(210) },
      { id: '1012348', coin: 'USDC', chain: 'ETH', amount: '14050', txID: '0x5e1f0000000000000000000000000000000000000000000000000000000000bb', status: 3, toAddress: '0xfake00000000000000000000000000000000000001', depositFee: '', successAt: at(100) },
      { id: '1012349', coin: 'QBIT', chain: 'ETH', amount: '1000', txID: '0x5e1f0000000000000000000000000000000000000000000000000000000000cc', status: 3, toAddress: '0xfake00000000000000000000000000000000000001', depositFee: '', successAt: at(80) },
      { id: '1012350', coin: 'XNOP', chain: 'ETH', amount: '123', txID: '0x5e1f0000000000000000000000000000000000000000000000000000000000dd', status: 3, toAddress: '0xfake00000000000000000000000000000000000001', depositFee: '', successAt: at(79) },
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
      { transferId: '4a2d3f50-0002-4000-8000-000000000002', coin: 'BTC', amount: '0.40038161', fromMemberId: '100001', toMemberId: '200003', fromAccountType: 'FUND', toAccountType: 'FUND', timestamp: at(4), status: 'SUCCESS' },
    ],
    converts: [
      { exchangeTxId: '410e85c5-0001-4000-8000-000000000001', fromCoin: 'USDC', fromAmount: '50', toCoin: 'USDT', toAmount: '49.95', exchangeRate: '0.999', createdTime: at(33) },
    ],
  };
}
