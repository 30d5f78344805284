import type { Principal } from '@accounts/security';
import { Query } from '@nestjs/cqrs';
import type { AccountView } from './account-view';

/**
 * GET /accounts/:id[?at=]: an account of the caller's organization as it is, or as it was at an
 * instant (administrators; the audit service's `state --at` composes this).
 */
export class GetAccountAsOfQuery extends Query<AccountView> {
  constructor(
    readonly caller: Principal,
    readonly accountId: string,
    readonly instant: number,
  ) {
    super();
  }
}
