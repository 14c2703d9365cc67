import { describe, expect, it } from 'vitest';
import type { AccountView } from '../../../shared/domain.js';
import { apiInputs } from '../../../shared/api.js';
import {
  accountToForm, emptyAccountForm, hasErrors, needsPassphrase, toSaveInput, toTestInput, validateAccountForm, type AccountFormValues,
} from '../../../renderer/src/screens/settings/account-form-model.js';

const filled = (over: Partial<AccountFormValues> = {}): AccountFormValues => ({ ...emptyAccountForm(), apiKey: ' KEY123 ', secret: 'SECRET456', ...over });
const view: AccountView = {
  exchangeId: 'bybit', id: 'main', label: 'Main', enabled: true, testnet: true, demo: false, apiUrl: 'https://api.bybit.eu', testnetApiUrl: null,
  source: 'settings', key: { location: 'keychain', hint: '…ab12' },
};

describe('account form', () => {
  it('starts as a Bybit account named "default"', () => {
    expect(emptyAccountForm()).toMatchObject({ exchangeId: 'bybit', id: 'default', apiKey: '', secret: '', enabled: true });
  });

  it('never prefills the key when editing', () => {
    const f = accountToForm(view);
    expect(f).toMatchObject({ exchangeId: 'bybit', id: 'main', label: 'Main', testnet: true, apiUrl: 'https://api.bybit.eu', apiKey: '', secret: '', password: '' });
  });

  it('needs a key and a secret for a new account', () => {
    const errors = validateAccountForm(emptyAccountForm(), 'create');
    expect(errors.apiKey).toBe('Enter the API key');
    expect(errors.secret).toBe('Enter the API secret');
    expect(hasErrors(validateAccountForm(filled(), 'create'))).toBe(false);
  });

  it('keeps the stored key when both are blank on edit, and wants both to replace it', () => {
    expect(hasErrors(validateAccountForm(accountToForm(view), 'edit'))).toBe(false);
    expect(validateAccountForm({ ...accountToForm(view), apiKey: 'NEW' }, 'edit').credentials).toMatch(/both the key and the secret/);
  });

  it('rejects what the API would reject, naming the field', () => {
    const errors = validateAccountForm(filled({ exchangeId: 'By bit', id: '-x', apiKey: 'has space', apiUrl: 'ftp://x', testnet: true, demo: true, label: 'x'.repeat(81) }), 'create');
    expect(Object.keys(errors).sort()).toEqual(['apiKey', 'apiUrl', 'demo', 'exchangeId', 'id', 'label']);
    expect(validateAccountForm(filled({ apiUrl: 'not a url' }), 'create').apiUrl).toMatch(/Not a URL/);
  });

  it('asks for a passphrase where the exchange uses one', () => {
    expect(needsPassphrase('okx')).toBe(true);
    expect(needsPassphrase('bybit')).toBe(false);
    expect(validateAccountForm(filled({ exchangeId: 'okx' }), 'create').password).toMatch(/passphrase/);
    expect(hasErrors(validateAccountForm(filled({ exchangeId: 'okx', password: 'pw' }), 'create'))).toBe(false);
  });

  it('sends trimmed values, null for blanks, and credentials only when typed', () => {
    expect(toSaveInput(filled({ label: '  ', apiUrl: ' https://api.bybit.eu ' }))).toEqual({
      exchangeId: 'bybit', id: 'default', label: null, testnet: false, demo: false, apiUrl: 'https://api.bybit.eu', enabled: true,
      credentials: { apiKey: 'KEY123', secret: 'SECRET456' },
    });
    const keep = toSaveInput(accountToForm(view));
    expect('credentials' in keep).toBe(false);
    expect('credentials' in toTestInput(accountToForm(view))).toBe(false);
    expect(toTestInput(filled()).credentials).toEqual({ apiKey: 'KEY123', secret: 'SECRET456' });
  });

  it('produces inputs the API’s own schemas accept', () => {
    expect(() => apiInputs['accounts:save'].parse(toSaveInput(filled({ exchangeId: 'okx', password: 'pw' })))).not.toThrow();
    expect(() => apiInputs['accounts:save'].parse(toSaveInput(accountToForm(view)))).not.toThrow();
    expect(() => apiInputs['accounts:test'].parse(toTestInput(filled()))).not.toThrow();
  });
});
