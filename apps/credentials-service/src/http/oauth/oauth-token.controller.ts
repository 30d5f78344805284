import { Public } from '@accounts/security';
import { Body, Controller, Header, Headers, HttpCode, Post, UseFilters } from '@nestjs/common';
import { ApiBasicAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientCredentialsGrant } from '../../application/token/client-credentials-grant';
import { OAuthErrorFilter } from './oauth-error.filter';
import { parseTokenRequest } from './token-request';

/** RFC 6749 §5.1 successful answer. */
export interface TokenResponse {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
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
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiBody({ schema: { type: 'object', properties: { grant_type: { type: 'string', enum: ['client_credentials'] } }, required: ['grant_type'] } })
  @ApiOperation({ summary: 'Client-credentials grant: HTTP Basic clientId:secret -> a 5-minute access token' })
  // Raw body: RFC 6749 says unknown parameters are ignored, which the global whitelisting pipe would refuse.
  async token(@Body() body: unknown, @Headers('authorization') authorization?: string): Promise<TokenResponse> {
    const { clientId, secret } = parseTokenRequest(body, authorization);
    const { accessToken, expiresIn } = await this.grant.exchange(clientId, secret);
    return { access_token: accessToken, token_type: 'Bearer', expires_in: expiresIn };
  }
}
