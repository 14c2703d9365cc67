import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useApi } from '../api/index.js';

type Expiry = { state: 'loading' } | { state: 'known'; expiresAt: string | null } | { state: 'unknown' };

interface KeyHealthValue {
  expiries: ReadonlyMap<string, Expiry>;
  request: (exchangeId: string, id: string) => void;
  /** A new key was saved: ask again next time. */
  forget: (exchangeId: string, id: string) => void;
}

const KeyHealthContext = createContext<KeyHealthValue | null>(null);

/**
 * When each account's key expires, asked once per open dashboard with a connection test
 * (two requests on Bybit; the sync itself does not read it), only for the accounts a
 * screen shows. A failed test says nothing: the sync reports failures itself.
 */
export function KeyHealthProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [expiries, setExpiries] = useState<ReadonlyMap<string, Expiry>>(new Map());
  // Asked already (or being asked): each key once per open dashboard.
  const asked = useRef(new Set<string>());
  const request = useCallback((exchangeId: string, id: string) => {
    const key = `${exchangeId}/${id}`;
    if (asked.current.has(key)) return;
    asked.current.add(key);
    setExpiries((m) => new Map(m).set(key, { state: 'loading' }));
    api.invoke('accounts:test', { exchangeId, id }).then(
      (r) => setExpiries((m) => new Map(m).set(key, r.ok && r.key ? { state: 'known', expiresAt: r.key.expiresAt } : { state: 'unknown' })),
      () => setExpiries((m) => new Map(m).set(key, { state: 'unknown' })),
    );
  }, [api]);
  const forget = useCallback((exchangeId: string, id: string) => {
    const key = `${exchangeId}/${id}`;
    asked.current.delete(key);
    setExpiries((m) => {
      const next = new Map(m);
      next.delete(key);
      return next;
    });
  }, []);
  const value = useMemo(() => ({ expiries, request, forget }), [expiries, request, forget]);
  return <KeyHealthContext.Provider value={value}>{children}</KeyHealthContext.Provider>;
}

/** The key's expiry (null: none or not known yet); asks for it the first time. */
export function useKeyExpiry(exchangeId: string, id: string, enabled = true): string | null {
  const ctx = useContext(KeyHealthContext);
  if (ctx === null) throw new Error('useKeyExpiry is used outside KeyHealthProvider');
  const { request, expiries } = ctx;
  useEffect(() => {
    if (enabled) request(exchangeId, id);
  }, [request, exchangeId, id, enabled]);
  const e = expiries.get(`${exchangeId}/${id}`);
  return e?.state === 'known' ? e.expiresAt : null;
}

/** Forgets what is known about an account's key (after a new key was saved). */
export function useForgetKeyExpiry(): (exchangeId: string, id: string) => void {
  const ctx = useContext(KeyHealthContext);
  if (ctx === null) throw new Error('useForgetKeyExpiry is used outside KeyHealthProvider');
  return ctx.forget;
}
