import type { Principal } from '@accounts/security';
import { Query } from '@nestjs/cqrs';
import type { AccountView } from './account-view';

/** GET /accounts/me: the caller's own profile, times in the account's own zone. */
export class GetMyAccountQuery extends Query<AccountView> {
  constructor(readonly caller: Principal) {
    super();
  }
}
