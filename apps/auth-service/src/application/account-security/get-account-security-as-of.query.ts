import type { Principal } from '@accounts/security';
import { Query } from '@nestjs/cqrs';

/** How an account signed in at an instant: what an administrator (and the audit service) asks for. */
export interface AccountSecurityAsOf {
  readonly accountId: string;
  readonly method: string;
  readonly authenticatorEnrolled: boolean;
  readonly passwordSet: boolean;
  readonly trustedDevices: ReadonlyArray<{
    id: string;
    label: string;
    ip: string | null;
    addedAt: string;
    expiresAt: string;
  }>;
  readonly openSessions: ReadonlyArray<{
    id: string;
    lastActiveAt: string;
    absoluteExpiresAt: string;
  }>;
}

/** GET /auth/accounts/:id/security[?at=]: an account's sign-in settings now or at an instant (administrators). */
export class GetAccountSecurityAsOfQuery extends Query<AccountSecurityAsOf> {
  constructor(
    readonly caller: Principal,
    readonly accountId: string,
    readonly instant: number,
  ) {
    super();
  }
}
