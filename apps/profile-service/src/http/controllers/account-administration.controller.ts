import {
  CurrentPrincipal,
  PersonOnly,
  type Principal,
  RequireRecentSignIn,
} from '@accounts/security';
import { Body, Controller, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AccountAnswer, ReissuedActivationAnswer } from '../answers/account.answer';
import {
  ReissueActivationCommand,
  type ReissuedActivation,
} from '../../application/activation/reissue-activation.command';
import {
  type AccountAdministration,
  AdministerAccountCommand,
} from '../../application/accounts/administer-account.command';
import type { AccountView } from '../../application/accounts/account-view';
import {
  ChangeAccountTypeDto,
  ChangeGroupRestrictionDto,
  DisableAccountDto,
} from '../dto/administration.dto';
import { AccountIdPipe } from '../id-params';

/** Another administrator of the same organization, never on one's own account. */
@ApiTags('account administration')
@ApiBearerAuth()
// Every route here changes another person's security (type, groups, whether they can sign in).
@RequireRecentSignIn()
@Controller('accounts/:id')
// Account type, group restriction, disable and enable change who can do what: people only.
@PersonOnly()
export class AccountAdministrationController {
  constructor(private readonly commands: CommandBus) {}

  @Put('account-type')
  @ApiOkResponse({ type: AccountAnswer, description: 'The account after the change' })
  @ApiOperation({ summary: "Change an account's type (another administrator of the organization)" })
  changeType(
    @Param('id', AccountIdPipe) id: string,
    @Body() body: ChangeAccountTypeDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AccountView> {
    return this.administer(principal, id, {
      kind: 'accountType',
      accountType: body.accountType,
    });
  }

  @Put('group-restriction')
  @ApiOkResponse({ type: AccountAnswer, description: 'The account after the change' })
  @ApiOperation({
    summary: "Change an account's group restriction (another administrator of the organization)",
  })
  changeGroupRestriction(
    @Param('id', AccountIdPipe) id: string,
    @Body() body: ChangeGroupRestrictionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AccountView> {
    return this.administer(principal, id, {
      kind: 'groupRestriction',
      groupRestriction: body.groupRestriction,
    });
  }

  @Post('disable')
  @HttpCode(200)
  @ApiOkResponse({ type: AccountAnswer, description: 'The account after the change' })
  @ApiOperation({ summary: 'Disable an account: it can no longer sign in (another administrator)' })
  disable(
    @Param('id', AccountIdPipe) id: string,
    @Body() body: DisableAccountDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AccountView> {
    return this.administer(principal, id, { kind: 'disable', reason: body.reason });
  }

  @Post('enable')
  @HttpCode(200)
  @ApiOkResponse({ type: AccountAnswer, description: 'The account after the change' })
  @ApiOperation({ summary: 'Enable a disabled account again (another administrator)' })
  enable(
    @Param('id', AccountIdPipe) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AccountView> {
    return this.administer(principal, id, { kind: 'enable' });
  }

  @Post('activation')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a new activation link (another administrator); the previous link stops working',
  })
  @ApiAcceptedResponse({
    description:
      'The link is emailed by auth-service; activationLink appears only in embedded development',
    type: ReissuedActivationAnswer,
  })
  reissueActivation(
    @Param('id', AccountIdPipe) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReissuedActivation> {
    return this.commands.execute(new ReissueActivationCommand(principal, id));
  }

  private administer(
    caller: Principal,
    id: string,
    change: AccountAdministration,
  ): Promise<AccountView> {
    return this.commands.execute(new AdministerAccountCommand(caller, id, change));
  }
}
