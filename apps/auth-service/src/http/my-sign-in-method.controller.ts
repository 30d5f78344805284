import { CurrentPrincipal, type Principal, PersonOnly } from '@accounts/security';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OwnAccount } from '../application/shared/own-account';
import { AuthStore } from '../application/shared/auth-store';
import { MySignInMethodAnswer } from './answers/my-sign-in.answer';

/** GET /auth/me/method: what the settings page shows as the current choice (no secret, only facts). */
@ApiTags('my sign-in')
@ApiBearerAuth()
@Controller('auth/me/method')
// The sign-in method is a security setting: people only.
@PersonOnly()
export class MySignInMethodController {
  constructor(
    private readonly own: OwnAccount,
    private readonly store: AuthStore,
  ) {}

  @Get()
  @ApiOkResponse({ type: MySignInMethodAnswer, description: 'My sign-in method' })
  @ApiOperation({
    summary:
      'My sign-in method, whether an authenticator app is set up, and which contacts are verified',
  })
  async get(@CurrentPrincipal() principal: Principal) {
    const account = this.own.of(principal);
    const state = await this.store.authenticator(account.accountId);
    return {
      method: state.method,
      authenticatorEnrolled: state.totp !== null,
      pendingAuthenticatorMethod: state.pendingTotp?.method ?? null,
      emailVerified: state.verifiedEmail !== null,
      phoneVerified: state.verifiedPhone !== null,
    };
  }
}
