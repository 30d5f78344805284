import type { Principal } from '@accounts/security';
import { Query } from '@nestjs/cqrs';
import type { ApiCredentialList } from './api-credential-view';

/** GET /api-credentials?accountId=&at=: the credentials as they were at an instant (administrators). */
export class ListApiCredentialsAsOfQuery extends Query<ApiCredentialList> {
  constructor(
    readonly caller: Principal,
    readonly accountId: string,
    readonly instant: number,
  ) {
    super();
  }
}
