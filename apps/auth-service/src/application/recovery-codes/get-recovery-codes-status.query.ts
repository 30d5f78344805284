import type { Principal } from '@accounts/security';
import { Query } from '@nestjs/cqrs';

export interface RecoveryCodesStatus {
  readonly remaining: number;
  readonly total: number;
  /** True at 3 or fewer codes left (or none at all while a second factor is in use). */
  readonly warning: boolean;
  readonly generatedAt: string | null;
}

/** GET /auth/me/recovery-codes: how many of the caller's codes are left (never the codes). */
export class GetRecoveryCodesStatusQuery extends Query<RecoveryCodesStatus> {
  constructor(readonly caller: Principal) {
    super();
  }
}
