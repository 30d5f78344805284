import { Public } from '@accounts/security';
import { Body, Controller, Header, Headers, HttpCode, Ip, Post, UseFilters } from '@nestjs/common';
import {
  ApiBasicAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { IntrospectionAnswer } from '../answers/oauth.answer';
import { OAuthError } from '../../application/token/oauth-error';
import {
  type IntrospectionResponse,
  TokenIntrospection,
} from '../../application/token/token-introspection';
import { clientCredentials, singleValue } from './client-authentication';
import { OAuthErrorFilter } from './oauth-error.filter';

@ApiTags('oauth')
// No access token: the client authenticates with its clientId and secret (RFC 7662 §2.1).
@Public()
@Controller('oauth')
@UseFilters(OAuthErrorFilter)
export class OAuthIntrospectionController {
  constructor(private readonly introspection: TokenIntrospection) {}

  @Post('introspect')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiBasicAuth()
  @ApiOkResponse({
    type: IntrospectionAnswer,
    description: 'Whether the token is active, and its claims (RFC 7662 §2.2)',
  })
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        token: { type: 'string' },
        token_type_hint: { type: 'string' },
        client_id: { type: 'string' },
        client_secret: { type: 'string' },
      },
      required: ['token'],
    },
  })
  @ApiOperation({
    summary:
      "Token introspection (RFC 7662): is this access token active, and its claims; tokens of the caller's organization only",
  })
  introspect(
    @Body() body: unknown,
    @Ip() address: string,
    @Headers('authorization') authorization?: string,
  ): Promise<IntrospectionResponse> {
    const params =
      typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const credentials = clientCredentials(params, authorization);
    const token = singleValue(params, 'token');
    if (token === undefined) throw OAuthError.invalidRequest('token is missing');
    return this.introspection.introspect({ ...credentials, address, token });
  }
}
