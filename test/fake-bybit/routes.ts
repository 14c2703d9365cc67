// The endpoint table: path → handler, public or signed, extra permission checks.
import { accountInfo, coinInfo, queryApi } from './account.js';
import { executionList } from './executions.js';
import { earnPosition } from './earn.js';
import { canReadConverts, canReadEarn, canReadFunding } from './keys.js';
import { convertRecords, depositRecords, internalTransfers, universalTransfers, withdrawalRecords } from './cash-flows.js';
import { closedPnlList, transactionLog } from './derivative-history.js';
import { kline } from './kline.js';
import { instrumentsInfo, serverTime, tickers } from './market.js';
import { positionList } from './positions.js';
import type { Route } from './route-types.js';
import { allCoinsBalance, singleCoinBalance, walletBalance } from './wallets.js';

const pub = (handler: Route['handler']): Route => ({ method: 'GET', private: false, handler });
const priv = (handler: Route['handler'], allowed?: Route['allowed']): Route => ({ method: 'GET', private: true, handler, allowed });

export const ROUTES: Readonly<Record<string, Route>> = {
  '/v5/market/time': pub(serverTime),
  '/v5/market/instruments-info': pub(instrumentsInfo),
  '/v5/market/tickers': pub(tickers),
  '/v5/market/kline': pub(kline),
  '/v5/account/wallet-balance': priv(walletBalance),
  '/v5/account/info': priv(accountInfo),
  '/v5/user/query-api': priv(queryApi),
  '/v5/asset/coin/query-info': priv(coinInfo),
  '/v5/asset/transfer/query-account-coins-balance': priv(allCoinsBalance, canReadFunding),
  '/v5/asset/transfer/query-account-coin-balance': priv(singleCoinBalance, canReadFunding),
  '/v5/execution/list': priv(executionList),
  '/v5/position/list': priv(positionList),
  '/v5/earn/position': priv(earnPosition, canReadEarn),
  '/v5/position/closed-pnl': priv(closedPnlList),
  '/v5/account/transaction-log': priv(transactionLog),
  // Asset history needs a Wallet permission: a key without one (or a sub-account key
  // refused on a path) gets 10005 here while everything else works.
  '/v5/asset/deposit/query-record': priv(depositRecords, canReadFunding),
  '/v5/asset/withdraw/query-record': priv(withdrawalRecords, canReadFunding),
  '/v5/asset/transfer/query-inter-transfer-list': priv(internalTransfers, canReadFunding),
  '/v5/asset/transfer/query-universal-transfer-list': priv(universalTransfers, canReadFunding),
  '/v5/asset/exchange/order-record': priv(convertRecords, canReadConverts),
};
