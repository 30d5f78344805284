import type { AccountEvent } from '@accounts/contracts';
import { evolveAccount, initialAccountState } from '../account/account-state';
import { accountRegistered, USER } from '../testing/fixtures';
import { administratorSetChange } from './administrator-set-change';

const stateOf = (events: AccountEvent[]) => events.reduce(evolveAccount, initialAccountState());
const admin = accountRegistered({ accountType: 'administrator' });
const standard = accountRegistered();
const disabled: AccountEvent = {
  type: 'AccountDisabled',
  data: { accountId: USER },
};
const enabled: AccountEvent = {
  type: 'AccountEnabled',
  data: { accountId: USER },
};
const typeChanged = (
  from: 'administrator' | 'standard',
  to: 'administrator' | 'standard',
): AccountEvent => ({
  type: 'AccountTypeChanged',
  data: { accountId: USER, from, to },
});

describe('what the organization must record about its administrators', () => {
  it('adds a registered administrator, a promoted account and a re-enabled administrator', () => {
    expect(administratorSetChange(initialAccountState(), [admin])).toEqual({
      kind: 'add',
      accountId: USER,
    });
    expect(
      administratorSetChange(stateOf([standard]), [typeChanged('standard', 'administrator')]),
    ).toEqual({
      kind: 'add',
      accountId: USER,
    });
    expect(administratorSetChange(stateOf([admin, disabled]), [enabled])).toEqual({
      kind: 'add',
      accountId: USER,
    });
  });

  it('removes a demoted or a disabled administrator, saying why', () => {
    expect(
      administratorSetChange(stateOf([admin]), [typeChanged('administrator', 'standard')]),
    ).toEqual({
      kind: 'remove',
      accountId: USER,
      reason: 'demoted',
    });
    expect(administratorSetChange(stateOf([admin]), [disabled])).toEqual({
      kind: 'remove',
      accountId: USER,
      reason: 'disabled',
    });
  });

  it('records nothing for other changes', () => {
    expect(administratorSetChange(initialAccountState(), [standard])).toBeNull();
    expect(administratorSetChange(stateOf([standard]), [disabled])).toBeNull();
    expect(administratorSetChange(stateOf([admin]), [])).toBeNull();
    expect(administratorSetChange(stateOf([standard, disabled]), [enabled])).toBeNull();
  });
});
