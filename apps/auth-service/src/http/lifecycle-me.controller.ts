import { CurrentPrincipal, type Principal, PersonOnly } from '@accounts/security';
import { DomainError } from '@accounts/event-sourcing';
import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ChangeNoticePreferenceCommand } from '../application/my-sign-in/change-notice-preference.command';
import { ListNoticePreferencesQuery } from '../application/my-sign-in/list-notice-preferences.query';
import { GetRecoveryCodesStatusQuery } from '../application/recovery-codes/get-recovery-codes-status.query';
import { RegenerateRecoveryCodesCommand } from '../application/recovery-codes/regenerate-recovery-codes.command';
import {
  NoticeListAnswer,
  NoticePreferenceAnswer,
  RecoveryCodesAnswer,
  RecoveryCodesStatusAnswer,
} from './answers/my-sign-in.answer';
import { NoticePreferenceDto } from './dto/lifecycle.dto';

/** Recovery codes and the security notices the signed-in user receives. */
@ApiTags('my sign-in')
@ApiBearerAuth()
@Controller('auth/me')
// Recovery codes and security notices are security settings: people only.
@PersonOnly()
export class LifecycleMeController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('recovery-codes')
  @ApiOkResponse({
    type: RecoveryCodesStatusAnswer,
    description: 'How many recovery codes are left',
  })
  recoveryCodes(@CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetRecoveryCodesStatusQuery(userOnly(principal)));
  }

  @Post('recovery-codes')
  @HttpCode(201)
  @ApiCreatedResponse({
    description: 'The new codes, shown this once; the previous set stops working',
    type: RecoveryCodesAnswer,
  })
  @ApiForbiddenResponse({
    description: 'AUTH-recent-sign-in-required: signed in more than 15 minutes ago',
  })
  regenerate(@CurrentPrincipal() principal: Principal) {
    return this.commands.execute(new RegenerateRecoveryCodesCommand(userOnly(principal)));
  }

  @Get('notices')
  @ApiOkResponse({
    type: NoticeListAnswer,
    description: 'Every security notice, and whether I receive it',
  })
  notices(@CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new ListNoticePreferencesQuery(userOnly(principal)));
  }

  @Put('notices/:notice')
  @ApiOkResponse({ type: NoticePreferenceAnswer, description: 'The preference now' })
  async changeNotice(
    @CurrentPrincipal() principal: Principal,
    @Param('notice') notice: string,
    @Body() body: NoticePreferenceDto,
  ) {
    return this.commands.execute(
      new ChangeNoticePreferenceCommand(userOnly(principal), notice, body.enabled),
    );
  }
}

/** An API credential's token is not a person: it cannot manage how that person signs in. */
function userOnly(principal: Principal): Principal {
  if (principal.kind !== 'user')
    throw new DomainError(
      'forbidden',
      'AUTH-user-token-required',
      'Only the account holder, signed in, can do this',
    );
  return principal;
}
