import type { Principal } from '@accounts/security';
import { Query } from '@nestjs/cqrs';
import type { ApiCredentialList } from './api-credential-view';

/** GET /api-credentials[?accountId=]: the caller's credentials, or another account's for its administrators. */
export class ListApiCredentialsQuery extends Query<ApiCredentialList> {
  constructor(
    readonly caller: Principal,
    /** Another account's id: administrators of its organization only. */
    readonly accountId?: string,
  ) {
    super();
  }
}
