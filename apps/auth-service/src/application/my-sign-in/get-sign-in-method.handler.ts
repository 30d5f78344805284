import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AuthStore } from '../shared/auth-store';
import { OwnAccount } from '../shared/own-account';
import { GetSignInMethodQuery, type SignInMethodView } from './get-sign-in-method.query';

@QueryHandler(GetSignInMethodQuery)
export class GetSignInMethodHandler implements IQueryHandler<GetSignInMethodQuery> {
  constructor(
    private readonly own: OwnAccount,
    private readonly auth: AuthStore,
  ) {}

  async execute({ caller }: GetSignInMethodQuery): Promise<SignInMethodView> {
    const account = this.own.of(caller);
    const state = await this.auth.authenticator(account.accountId);
    return {
      method: state.method,
      authenticatorEnrolled: state.totp !== null,
      pendingAuthenticatorMethod: state.pendingTotp?.method ?? null,
      emailVerified: state.verifiedEmail !== null,
      phoneVerified: state.verifiedPhone !== null,
    };
  }
}
