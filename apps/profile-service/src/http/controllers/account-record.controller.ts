import { parseAsOf } from '@accounts/event-sourcing';
import { CurrentPrincipal, type Principal, RequireScope } from '@accounts/security';
import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AccountAnswer } from '../answers/account.answer';
import { GetAccountAsOfQuery } from '../../application/accounts/get-account-as-of.query';
import type { AccountView } from '../../application/accounts/account-view';
import { AccountIdPipe } from '../id-params';

@ApiTags('account administration')
@ApiBearerAuth()
@Controller('accounts/:id')
// An administrator's read of one account (now or ?at= an instant): administrators' API credentials with accounts:read too.
@RequireScope('accounts:read')
export class AccountRecordController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: AccountAnswer, description: 'The account (as it was at `at`)' })
  @ApiOperation({
    summary:
      'An account of your organization as it is, or as it was at an instant (administrators)',
  })
  @ApiQuery({
    name: 'at',
    required: false,
    description: 'ISO-8601 instant; absent: now',
    example: '2026-03-01T12:00:00Z',
  })
  read(
    @Param('id', AccountIdPipe) id: string,
    @Query('at') at: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AccountView> {
    return this.queries.execute(new GetAccountAsOfQuery(principal, id, parseAsOf(at)));
  }
}
