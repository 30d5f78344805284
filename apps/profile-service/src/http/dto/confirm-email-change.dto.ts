import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

export class ConfirmEmailChangeDto {
  @ApiProperty({
    description: 'The token of the link mailed to the new address (`/confirm-email?token=…`)',
    example: 'q3J0…',
  })
  @IsString()
  // base64url of an HMAC-SHA-256: anything else is a mistyped link, refused before any lookup.
  @Matches(/^[A-Za-z0-9_-]{43}$/, {
    message: 'must be the token of the confirmation link (43 characters)',
  })
  token!: string;
}
