import { AccountType, AccountTypes } from '@accounts/contracts';
import { parseOneOf } from './one-of';

export const parseAccountType = (raw: unknown): AccountType =>
  parseOneOf(AccountTypes, raw, 'accountType', 'PROFILE-account-type-invalid');
