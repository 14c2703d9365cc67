// The keys the fake OKX knows. Secrets are fake and only valid against this server.

export type OkxEnvironment = 'live' | 'demo';

export interface FakeOkxKey {
  name: string;
  apiKey: string;
  secret: string;
  passphrase: string;
  /** Comma-separated as OKX's account/config reports it: read_only, trade, withdraw. */
  perm: string;
  /** Bound IPs; empty = any IP. */
  ips: string[];
  environment: OkxEnvironment;
}

export const OKX_READ_ONLY_KEY: FakeOkxKey = {
  name: 'read-only', apiKey: 'okx-ro-6b1f0c2e', secret: 'OKXSECRETREADONLY000000000000001', passphrase: 'Pass-Phrase1', perm: 'read_only', ips: [], environment: 'live',
};
export const OKX_TRADING_KEY: FakeOkxKey = {
  name: 'trading', apiKey: 'okx-tr-77a0d9b4', secret: 'OKXSECRETTRADING0000000000000002', passphrase: 'Trade-Phrase2', perm: 'read_only,trade', ips: [], environment: 'live',
};
export const OKX_DEMO_KEY: FakeOkxKey = {
  name: 'demo', apiKey: 'okx-demo-0c3e5a11', secret: 'OKXSECRETDEMO0000000000000000003', passphrase: 'Demo-Phrase3', perm: 'read_only', ips: [], environment: 'demo',
};
/** Bound to an address the test machine never has. */
export const OKX_IP_BOUND_KEY: FakeOkxKey = {
  name: 'ip-bound', apiKey: 'okx-ip-4d2b8e90', secret: 'OKXSECRETIPBOUND0000000000000004', passphrase: 'Ip-Phrase4', perm: 'read_only', ips: ['203.0.113.7'], environment: 'live',
};

export const OKX_BUILT_IN_KEYS: readonly FakeOkxKey[] = [OKX_READ_ONLY_KEY, OKX_TRADING_KEY, OKX_DEMO_KEY, OKX_IP_BOUND_KEY];

/** The read-only key sent with a passphrase that is not its own: what a mistyped OKX_API_PASSWORD looks like. */
export const OKX_WRONG_PASSPHRASE_KEY: FakeOkxKey = { ...OKX_READ_ONLY_KEY, name: 'wrong-passphrase', passphrase: 'Not-The-Phrase' };
