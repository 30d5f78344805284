import {
  CurrentPrincipal,
  PersonOnly,
  type Principal,
  RequireRecentSignIn,
} from '@accounts/security';
import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GenerateApiCredentialCommand } from '../application/commands/generate-api-credential';
import type { IssuedSecret } from '../application/commands/issued-secret';
import { RegenerateApiCredentialCommand } from '../application/commands/regenerate-api-credential';
import { RevokeApiCredentialCommand } from '../application/commands/revoke-api-credential';
import { type ApiCredentialList, ListApiCredentialsQuery } from '../application/queries/list-api-credentials';
import { ListApiCredentialsAsOfQuery } from '../application/queries/list-api-credentials-as-of';
import { CredentialIdParams } from './dto/credential-id.params';
import { GenerateApiCredentialDto } from './dto/generate-api-credential.dto';
import { ListApiCredentialsQueryDto } from './dto/list-api-credentials.query';

@ApiTags('api-credentials')
@ApiBearerAuth()
@Controller('api-credentials')
// An API token must not mint more secrets: its auth_time is always fresh, so it would pass the recent sign-in rule.
@PersonOnly()
export class ApiCredentialsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  // Creating a secret is what a stolen session would do first: the shared step-up rule (RFC 9470).
  @RequireRecentSignIn()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'Generate a credential; the secret is in this answer and nowhere else, ever',
  })
  generate(
    @CurrentPrincipal() caller: Principal,
    @Body() body: GenerateApiCredentialDto,
  ): Promise<IssuedSecret> {
    return this.commands.execute(
      new GenerateApiCredentialCommand(
        caller,
        body.name,
        body.expiresAt,
        body.scopes,
      ),
    );
  }

  @Post(':id/regenerate')
  @RequireRecentSignIn()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'A new secret, shown once; the previous one stops working at once' })
  regenerate(@CurrentPrincipal() caller: Principal, @Param() params: CredentialIdParams): Promise<IssuedSecret> {
    return this.commands.execute(new RegenerateApiCredentialCommand(caller, params.id));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove (revoke) a credential: own, or as administrator of its organization' })
  async revoke(@CurrentPrincipal() caller: Principal, @Param() params: CredentialIdParams): Promise<void> {
    await this.commands.execute(new RevokeApiCredentialCommand(caller, params.id));
  }

  @Get()
  @ApiOperation({ summary: "The account's credentials with status and last use; never a secret" })
  list(@CurrentPrincipal() caller: Principal, @Query() query: ListApiCredentialsQueryDto): Promise<ApiCredentialList> {
    if (query.at !== undefined) {
      return this.queries.execute(new ListApiCredentialsAsOfQuery(caller, query.accountId ?? caller.accountId, Date.parse(query.at)));
    }
    return this.queries.execute(new ListApiCredentialsQuery(caller, query.accountId));
  }
}
