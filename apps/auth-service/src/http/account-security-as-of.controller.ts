import { parseAsOf } from '@accounts/event-sourcing';
import { CurrentPrincipal, type Principal, PersonOnly } from '@accounts/security';
import { Controller, Get, Header, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AccountSecurityAnswer } from './answers/account-security.answer';
import { QueryBus } from '@nestjs/cqrs';
import {
  type AccountSecurityAsOf,
  GetAccountSecurityAsOfQuery,
} from '../application/account-security/get-account-security-as-of.query';

@ApiTags('administration')
@ApiBearerAuth()
@Controller('auth/accounts')
// Another person's sign-in method, computers and sessions: security settings, people only.
@PersonOnly()
export class AccountSecurityAsOfController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/security')
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({
    type: AccountSecurityAnswer,
    description: 'The sign-in settings (as they were at `at`)',
  })
  @ApiOperation({
    summary:
      "An account's sign-in method, trusted computers and open sessions, now or at an instant (administrators)",
  })
  @ApiQuery({ name: 'at', required: false, description: 'ISO-8601 instant; absent: now' })
  read(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query('at') at: string | undefined,
  ): Promise<AccountSecurityAsOf> {
    return this.queries.execute(new GetAccountSecurityAsOfQuery(principal, id, parseAsOf(at)));
  }
}
