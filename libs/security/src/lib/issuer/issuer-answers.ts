import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The answers of /.well-known/jwks.json and /.well-known/oauth-authorization-server as OpenAPI schemas. */
export class PublicJwkAnswer {
  @ApiProperty({ example: 'OKP' }) kty!: string;
  @ApiPropertyOptional({ example: 'Ed25519' }) crv?: string;
  @ApiPropertyOptional({ description: 'Public key (base64url)' }) x?: string;
  @ApiProperty({ description: 'Key id, the kid of the tokens it verifies' })
  kid!: string;
  @ApiPropertyOptional({ example: 'EdDSA' }) alg?: string;
  @ApiPropertyOptional({ example: 'sig' }) use?: string;
}

export class JwksAnswer {
  @ApiProperty({ type: [PublicJwkAnswer] }) keys!: PublicJwkAnswer[];
}

export class AuthorizationServerMetadataAnswer {
  @ApiProperty({ description: 'The tokens’ iss' }) issuer!: string;
  @ApiProperty() jwks_uri!: string;
  @ApiPropertyOptional() token_endpoint?: string;
  @ApiPropertyOptional() revocation_endpoint?: string;
  @ApiPropertyOptional() introspection_endpoint?: string;
  @ApiProperty({ type: [String] }) grant_types_supported!: string[];
  @ApiProperty({ type: [String] }) response_types_supported!: string[];
  @ApiPropertyOptional({ type: [String] })
  token_endpoint_auth_methods_supported?: string[];
  @ApiPropertyOptional({ type: [String] })
  revocation_endpoint_auth_methods_supported?: string[];
  @ApiPropertyOptional({ type: [String] })
  introspection_endpoint_auth_methods_supported?: string[];
  @ApiProperty({ type: [String] }) scopes_supported!: string[];
  @ApiPropertyOptional({ type: [String] })
  token_endpoint_auth_signing_alg_values_supported?: string[];
  @ApiPropertyOptional({
    type: [String],
    description: 'Access tokens are JWTs signed with these (RFC 9068)',
    example: ['EdDSA'],
  })
  access_token_signing_alg_values_supported?: string[];
  @ApiPropertyOptional({
    description: 'This OpenAPI documentation (Swagger UI)',
  })
  service_documentation?: string;
}
