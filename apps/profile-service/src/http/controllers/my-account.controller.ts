import { CurrentPrincipal, type Principal, RequireScope } from '@accounts/security';
import { Body, Controller, Get, Patch } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccountAnswer } from '../answers/account.answer';
import type { AccountView } from '../../application/accounts/account-view';
import { GetMyAccountQuery } from '../../application/accounts/get-my-account.query';
import { UpdateProfileCommand } from '../../application/accounts/update-profile.command';
import { UpdateProfileDto } from '../dto/update-profile.dto';

@ApiTags('my account')
@ApiBearerAuth()
@Controller('accounts/me')
export class MyAccountController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOkResponse({ type: AccountAnswer, description: 'My profile' })
  @RequireScope('profile:read')
  @ApiOperation({ summary: 'My profile; times also in my time zone (…Local)' })
  get(@CurrentPrincipal() principal: Principal): Promise<AccountView> {
    return this.queries.execute(new GetMyAccountQuery(principal));
  }

  @Patch()
  @ApiOkResponse({ type: AccountAnswer, description: 'My profile after the change' })
  // The sign-in name, the email and phone that codes go to, and the session timeout are security settings.
  @RequireScope('profile:write', {
    personOnlyFields: ['userName', 'email', 'mobilePhone', 'sessionTimeout'],
  })
  @ApiOperation({
    summary: 'Edit my profile: only the fields sent change',
    description: 'The email cannot change when the organization locks it (403).',
  })
  update(
    @Body() body: UpdateProfileDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AccountView> {
    return this.commands.execute(new UpdateProfileCommand(principal, body));
  }
}
