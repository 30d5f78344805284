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
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { ApiCredentialList } from '../application/api-credentials/api-credential-view';
import { GenerateApiCredentialCommand } from '../application/api-credentials/generate-api-credential.command';
import type { IssuedSecret } from '../application/api-credentials/issued-secret';
import { RegenerateApiCredentialCommand } from '../application/api-credentials/regenerate-api-credential.command';
import { RevokeApiCredentialCommand } from '../application/api-credentials/revoke-api-credential.command';
import { ListApiCredentialsQuery } from '../application/api-credentials/list-api-credentials.query';
import { ListApiCredentialsAsOfQuery } from '../application/api-credentials/list-api-credentials-as-of.query';
import { ApiCredentialListAnswer, IssuedSecretAnswer } from './answers/api-credential.answer';
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
  @ApiCreatedResponse({
    type: IssuedSecretAnswer,
    description: 'The credential and its secret, shown this once',
  })
  @ApiOperation({
    summary: 'Generate a credential; the secret is in this answer and nowhere else, ever',
  })
  generate(
    @CurrentPrincipal() caller: Principal,
    @Body() body: GenerateApiCredentialDto,
  ): Promise<IssuedSecret> {
    return this.commands.execute(
      new GenerateApiCredentialCommand(caller, body.name, body.expiresAt, body.scopes),
    );
  }

  @Post(':id/regenerate')
  @RequireRecentSignIn()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: IssuedSecretAnswer, description: 'The new secret, shown this once' })
  @ApiOperation({ summary: 'A new secret, shown once; the previous one stops working at once' })
  regenerate(
    @CurrentPrincipal() caller: Principal,
    @Param() params: CredentialIdParams,
  ): Promise<IssuedSecret> {
    return this.commands.execute(new RegenerateApiCredentialCommand(caller, params.id));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({
    description: 'No body: the credential is revoked; its tokens stop working',
  })
  @ApiOperation({
    summary: 'Remove (revoke) a credential: own, or as administrator of its organization',
  })
  async revoke(
    @CurrentPrincipal() caller: Principal,
    @Param() params: CredentialIdParams,
  ): Promise<void> {
    await this.commands.execute(new RevokeApiCredentialCommand(caller, params.id));
  }

  @Get()
  @ApiOkResponse({
    type: ApiCredentialListAnswer,
    description: 'The credentials (as they were at `at`)',
  })
  @ApiOperation({ summary: "The account's credentials with status and last use; never a secret" })
  list(
    @CurrentPrincipal() caller: Principal,
    @Query() query: ListApiCredentialsQueryDto,
  ): Promise<ApiCredentialList> {
    if (query.at !== undefined) {
      return this.queries.execute(
        new ListApiCredentialsAsOfQuery(
          caller,
          query.accountId ?? caller.accountId,
          Date.parse(query.at),
        ),
      );
    }
    return this.queries.execute(new ListApiCredentialsQuery(caller, query.accountId));
  }
}
