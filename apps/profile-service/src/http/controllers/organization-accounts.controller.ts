import { CurrentPrincipal, type Principal, RequireScope } from '@accounts/security';
import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CreatedAccountAnswer, DirectoryListingAnswer } from '../answers/account.answer';
import {
  type CreatedAccount,
  RegisterAccountCommand,
} from '../../application/accounts/register-account.command';
import {
  type DirectoryListing,
  ListAccountsQuery,
} from '../../application/directory/list-accounts.query';
import { DEFAULT_PAGE_SIZE, ListAccountsDto } from '../dto/list-accounts.dto';
import { RegisterAccountDto } from '../dto/register-account.dto';
import { OrganizationIdPipe } from '../id-params';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('organizations/:orgId/accounts')
export class OrganizationAccountsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @RequireScope('accounts:write')
  @ApiCreatedResponse({
    type: CreatedAccountAnswer,
    description: 'The new account, waiting for activation',
  })
  @ApiOperation({
    summary: 'Create an account (administrators of the organization)',
    description:
      'The account is activated through a one-time link; outside production it is in the answer.',
  })
  register(
    @Param('orgId', OrganizationIdPipe) orgId: string,
    @Body() body: RegisterAccountDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CreatedAccount> {
    return this.commands.execute(new RegisterAccountCommand(principal, orgId, body));
  }

  @Get()
  @RequireScope('accounts:read')
  @ApiOkResponse({
    type: DirectoryListingAnswer,
    description: 'One page of accounts, by user name',
  })
  @ApiOperation({
    summary: 'List and search the accounts of the organization, by user name (administrators)',
  })
  list(
    @Param('orgId', OrganizationIdPipe) orgId: string,
    @Query() query: ListAccountsDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DirectoryListing> {
    const page = {
      search: query.search,
      cursor: query.cursor,
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
    };
    return this.queries.execute(new ListAccountsQuery(principal, orgId, page));
  }
}
