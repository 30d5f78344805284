import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsOptional, IsString } from 'class-validator';
import type { OrganizationSettingsChanges } from '../../application/organizations/change-organization-settings.command';

/** Absent fields stay as they are. */
export class OrganizationSettingsDto implements OrganizationSettingsChanges {
  @ApiPropertyOptional({ example: 'Acme' })
  @IsOptional()
  @IsString()
  name?: string;

  @ApiPropertyOptional({ description: 'Every user must sign in with a second factor' })
  @IsOptional()
  @IsBoolean()
  twoFactorRequired?: boolean;

  @ApiPropertyOptional({ description: 'false: users cannot change their own email address' })
  @IsOptional()
  @IsBoolean()
  emailEditableByUsers?: boolean;

  @ApiPropertyOptional({ example: ['email', 'sms', 'authenticator'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  allowedSecondFactors?: string[];
}
