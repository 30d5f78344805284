import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString } from 'class-validator';
import type { NewAccount } from '../../application/accounts/register-account.command';
import { NewAccountProfileDto } from './new-account-profile.dto';

export const GROUP_RESTRICTION_EXAMPLE = { kind: 'groups', groups: ['Lyon', 'Paris'] };

export class RegisterAccountDto extends NewAccountProfileDto implements NewAccount {
  @ApiProperty({ enum: ['administrator', 'standard', 'read-only'] })
  @IsString()
  accountType!: string;

  @ApiPropertyOptional({
    example: GROUP_RESTRICTION_EXAMPLE,
    description: '{ "kind": "all" } (default) or { "kind": "groups", "groups": [names] }',
  })
  @IsOptional()
  @IsObject()
  groupRestriction?: Record<string, unknown>;
}
