import { ApiProperty } from '@nestjs/swagger';

/** RFC 6749 §5.1: the refresh grant of POST /oauth/token. */
export class OAuthRefreshAnswer {
  @ApiProperty({ description: 'JWT (EdDSA), 300 s' }) access_token!: string;
  @ApiProperty({ enum: ['Bearer'] }) token_type!: 'Bearer';
  @ApiProperty({ type: 'integer', example: 300 }) expires_in!: number;
  @ApiProperty({
    description: 'The next refresh token; the one presented stops working',
  })
  refresh_token!: string;
}
