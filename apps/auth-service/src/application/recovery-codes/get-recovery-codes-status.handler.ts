import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { hasSecondFactor, RecoveryCodePolicy, recoveryCodesLeft } from '../../domain';
import { AuthStore } from '../shared/auth-store';
import { OwnAccount } from '../shared/own-account';
import {
  GetRecoveryCodesStatusQuery,
  type RecoveryCodesStatus,
} from './get-recovery-codes-status.query';

@QueryHandler(GetRecoveryCodesStatusQuery)
export class GetRecoveryCodesStatusHandler implements IQueryHandler<GetRecoveryCodesStatusQuery> {
  constructor(
    private readonly own: OwnAccount,
    private readonly auth: AuthStore,
  ) {}

  async execute({ caller }: GetRecoveryCodesStatusQuery): Promise<RecoveryCodesStatus> {
    const account = this.own.of(caller);
    const state = await this.auth.authenticator(account.accountId);
    const remaining = recoveryCodesLeft(state);
    return {
      remaining,
      total: state.recoveryCodes ? RecoveryCodePolicy.count : 0,
      warning: hasSecondFactor(state) && remaining <= RecoveryCodePolicy.warnAt,
      generatedAt: state.recoveryCodes?.generatedAt ?? null,
    };
  }
}
