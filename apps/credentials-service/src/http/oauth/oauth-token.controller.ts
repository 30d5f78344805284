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
import { TokenAnswer } from '../answers/oauth.answer';
import { ClientCredentialsGrant } from '../../application/token/client-credentials-grant';
import { OAuthErrorFilter } from './oauth-error.filter';
import { parseTokenRequest } from './token-request';

/** RFC 6749 §5.1 successful answer. */
export interface TokenResponse {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
  /** What the token may do (RFC 6749 §5.1: required when it differs from what was asked). */
  readonly scope: string;
}

@ApiTags('oauth')
@Public()
@Controller('oauth')
@UseFilters(OAuthErrorFilter)
export class OAuthTokenController {
  constructor(private readonly grant: ClientCredentialsGrant) {}

  @Post('token')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Header('Pragma', 'no-cache')
  @ApiBasicAuth()
  @ApiOkResponse({ type: TokenAnswer, description: 'An access token (RFC 6749 §5.1)' })
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        grant_type: { type: 'string', enum: ['client_credentials'] },
        scope: {
          type: 'string',
          description: "Space-separated; narrows the credential's scopes (invalid_scope otherwise)",
        },
        client_id: { type: 'string', description: 'client_secret_post' },
        client_secret: { type: 'string', description: 'client_secret_post' },
      },
      required: ['grant_type'],
    },
  })
  @ApiOperation({
    summary:
      'Client-credentials grant: clientId and secret (HTTP Basic or in the body) -> a 5-minute access token',
  })
  // Raw body: RFC 6749 says unknown parameters are ignored, which the global whitelisting pipe would refuse.
  async token(
    @Body() body: unknown,
    @Ip() address: string,
    @Headers('authorization') authorization?: string,
  ): Promise<TokenResponse> {
    const { clientId, secret, scope } = parseTokenRequest(body, authorization);
    const {
      accessToken,
      expiresIn,
      scope: granted,
    } = await this.grant.exchange({ clientId, secret, scope, address });
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: expiresIn,
      scope: granted,
    };
  }
}
