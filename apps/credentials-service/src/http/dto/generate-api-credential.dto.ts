import { ApiScopes } from '@accounts/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsISO8601, IsOptional, IsString } from 'class-validator';
import { MAX_CREDENTIAL_NAME_LENGTH } from '../../domain';

export class GenerateApiCredentialDto {
  @ApiPropertyOptional({
    description: 'A label to recognise the credential by',
    example: 'CI pipeline',
    maxLength: MAX_CREDENTIAL_NAME_LENGTH,
  })
  @IsOptional()
  // Length and characters are the domain's rule (CREDENTIALS-name-invalid), checked in one place.
  @IsString()
  name?: string;

  @ApiPropertyOptional({
    description: 'When it stops working (ISO-8601); never when absent',
    example: '2027-01-01T00:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 date or date-time' })
  expiresAt?: string;

  @ApiPropertyOptional({
    description:
      'What tokens of this credential may do; accounts:* for administrators only. Default: profile:read',
    type: [String],
    enum: ApiScopes,
    example: ['profile:read', 'profile:write'],
  })
  @IsOptional()
  // Which scopes exist and who may hold them is the domain's rule (CREDENTIALS-scopes-invalid).
  @IsArray({ message: 'must be an array of scopes' })
  scopes?: unknown[];
}
