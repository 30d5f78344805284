import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** RFC 6749 §5.1: the client-credentials grant. */
export class TokenAnswer {
  @ApiProperty({ description: 'JWT (EdDSA), 5 minutes' }) access_token!: string;
  @ApiProperty({ enum: ['Bearer'] }) token_type!: 'Bearer';
  @ApiProperty({ type: 'integer', example: 300 }) expires_in!: number;
  @ApiProperty({
    description: 'Space-separated scopes the token may use',
    example: 'profile:read',
  })
  scope!: string;
}

/** RFC 7662 §2.2: `active: false` alone for any token that is not an active one of the caller's organization. */
export class IntrospectionAnswer {
  @ApiProperty() active!: boolean;
  @ApiPropertyOptional({ enum: ['Bearer'] }) token_type?: string;
  @ApiPropertyOptional() iss?: string;
  @ApiPropertyOptional() sub?: string;
  @ApiPropertyOptional({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
  })
  aud?: string | string[];
  @ApiPropertyOptional({ type: 'integer' }) exp?: number;
  @ApiPropertyOptional({ type: 'integer' }) iat?: number;
  @ApiPropertyOptional() jti?: string;
  @ApiPropertyOptional() client_id?: string;
  @ApiPropertyOptional() scope?: string;
  @ApiPropertyOptional({ type: 'integer' }) auth_time?: number;
  @ApiPropertyOptional({ type: [String] }) amr?: string[];
  @ApiPropertyOptional({ description: 'The organization' }) org?: string;
  @ApiPropertyOptional({
    enum: ['user', 'api'],
    description: 'A person or an API credential',
  })
  kind?: string;
}
