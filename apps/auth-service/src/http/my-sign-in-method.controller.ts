import { CurrentPrincipal, type Principal, PersonOnly } from '@accounts/security';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import { GetSignInMethodQuery } from '../application/my-sign-in/get-sign-in-method.query';
import { MySignInMethodAnswer } from './answers/my-sign-in.answer';

/** GET /auth/me/method: what the settings page shows as the current choice (no secret, only facts). */
@ApiTags('my sign-in')
@ApiBearerAuth()
@Controller('auth/me/method')
// The sign-in method is a security setting: people only.
@PersonOnly()
export class MySignInMethodController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOkResponse({ type: MySignInMethodAnswer, description: 'My sign-in method' })
  @ApiOperation({
    summary:
      'My sign-in method, whether an authenticator app is set up, and which contacts are verified',
  })
  get(@CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetSignInMethodQuery(principal));
  }
}
