/**
 * Wallet types as a person reads them ("Earn flexible", not EARN_FLEXIBLE), for the
 * dashboard and the CLI alike.
 */
const NAMES: Readonly<Record<string, string>> = {
  UNIFIED: 'Unified trading',
  CONTRACT: 'Derivatives',
  SPOT: 'Spot',
  FUND: 'Funding',
  EARN_FLEXIBLE: 'Earn flexible',
  EARN_ONCHAIN: 'Earn on-chain',
  // OKX's three places (exchange/okx/okx-parse.ts): its names, told apart from Bybit's.
  TRADING: 'Trading account',
  FUNDING: 'Funding account',
  EARN_SAVINGS: 'Simple Earn',
};

const ORDER = ['UNIFIED', 'CONTRACT', 'SPOT', 'TRADING', 'FUND', 'FUNDING', 'EARN_FLEXIBLE', 'EARN_ONCHAIN', 'EARN_SAVINGS'];

/** Wallet types in one order everywhere (trading, funding, Earn, then the rest by name), whatever order they were stored in. */
export function sortWallets(wallets: readonly string[]): string[] {
  const rank = (w: string) => (ORDER.includes(w) ? ORDER.indexOf(w) : ORDER.length);
  return [...wallets].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** A wallet's human name; an Earn product type not known yet reads "Earn (its type)", anything else as sent. */
export function walletName(wallet: string): string {
  const known = NAMES[wallet];
  if (known) return known;
  if (wallet.startsWith('EARN:')) return `Earn (${wallet.slice(5).toLowerCase().replace(/_/g, ' ')})`;
  return wallet;
}
