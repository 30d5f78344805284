import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString } from 'class-validator';
import { MAX_CREDENTIAL_NAME_LENGTH } from '../../domain';

export class GenerateApiCredentialDto {
  @ApiPropertyOptional({ description: 'A label to recognise the credential by', example: 'CI pipeline', maxLength: MAX_CREDENTIAL_NAME_LENGTH })
  @IsOptional()
  // Length and characters are the domain's rule (CREDENTIALS-name-invalid), checked in one place.
  @IsString()
  name?: string;

  @ApiPropertyOptional({ description: 'When it stops working (ISO-8601); never when absent', example: '2027-01-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 date or date-time' })
  expiresAt?: string;
}
