import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../nest/public.decorator';
import { AuthorizationServerMetadataAnswer } from './issuer-answers';

/** DI token of the service's RFC 8414 metadata document. */
export const AUTHORIZATION_SERVER_METADATA = Symbol('AUTHORIZATION_SERVER_METADATA');

/** RFC 8414 §2 members this platform publishes; `issuer` is the same URL as the tokens' `iss`. */
export interface AuthorizationServerMetadata {
  readonly issuer: string;
  readonly jwks_uri: string;
  readonly token_endpoint?: string;
  readonly revocation_endpoint?: string;
  readonly introspection_endpoint?: string;
  readonly grant_types_supported: readonly string[];
  readonly response_types_supported: readonly string[];
  readonly token_endpoint_auth_methods_supported?: readonly string[];
  readonly revocation_endpoint_auth_methods_supported?: readonly string[];
  readonly introspection_endpoint_auth_methods_supported?: readonly string[];
  readonly scopes_supported: readonly string[];
  /** Access tokens are JWTs signed with these (RFC 9068). */
  readonly token_endpoint_auth_signing_alg_values_supported?: readonly string[];
  readonly [member: string]: unknown;
}

/** GET /.well-known/oauth-authorization-server: what a client or resource server configures itself from. */
@ApiTags('oauth')
@Controller('.well-known')
export class AuthorizationServerMetadataController {
  constructor(
    @Inject(AUTHORIZATION_SERVER_METADATA) private readonly metadata: AuthorizationServerMetadata,
  ) {}

  @Public()
  @Get('oauth-authorization-server')
  @ApiOkResponse({ type: AuthorizationServerMetadataAnswer, description: 'RFC 8414 metadata' })
  @Header('Cache-Control', 'public, max-age=300')
  document(): AuthorizationServerMetadata {
    return this.metadata;
  }
}
