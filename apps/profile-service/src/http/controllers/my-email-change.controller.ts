import {
  CurrentPrincipal,
  PersonOnly,
  type Principal,
  RequireRecentSignIn,
} from '@accounts/security';
import { Body, Controller, Delete, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AccountView } from '../../application/accounts/account-view';
import {
  CancelEmailChangeCommand,
  ConfirmEmailChangeCommand,
} from '../../application/email-change/confirm-email-change.command';
import { ConfirmEmailChangeDto } from '../dto/confirm-email-change.dto';
import { AccountAnswer } from '../answers/account.answer';

/**
 * The change of address requested by PATCH /accounts/me { email }: confirmed with the link mailed to
 * the new address, or withdrawn. Where email codes go is a security setting: a signed-in person only.
 */
@ApiTags('my account')
@ApiBearerAuth()
@Controller('accounts/me/email')
@PersonOnly()
export class MyEmailChangeController {
  constructor(private readonly commands: CommandBus) {}

  @Post('confirm')
  @HttpCode(200)
  // From now on codes go to the new address: the person must have signed in recently (ASVS 6.3.7).
  @RequireRecentSignIn()
  @ApiOkResponse({ type: AccountAnswer, description: 'The account with its new address' })
  @ApiOperation({
    summary: 'Confirm my new email address with the token of the link mailed to it',
    description:
      'Single use. 400 for a token that is not the pending one (limited: 429 after 5 per account in 15 minutes), 410 when nothing is pending (used, cancelled) or the link expired.',
  })
  confirm(
    @Body() body: ConfirmEmailChangeDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AccountView> {
    return this.commands.execute(new ConfirmEmailChangeCommand(principal, body.token));
  }

  @Delete('pending')
  @ApiOkResponse({ type: AccountAnswer, description: 'The account, nothing pending any more' })
  @ApiOperation({
    summary: 'Withdraw my pending change of email address (its link stops working)',
  })
  cancel(@CurrentPrincipal() principal: Principal): Promise<AccountView> {
    return this.commands.execute(new CancelEmailChangeCommand(principal));
  }
}
