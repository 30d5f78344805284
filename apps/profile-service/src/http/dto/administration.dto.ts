import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { GROUP_RESTRICTION_EXAMPLE } from './register-account.dto';

export class ChangeAccountTypeDto {
  @ApiProperty({ enum: ['administrator', 'standard', 'read-only'] })
  @IsString()
  accountType!: string;
}

export class ChangeGroupRestrictionDto {
  @ApiProperty({ example: GROUP_RESTRICTION_EXAMPLE })
  @IsDefined()
  @IsObject()
  groupRestriction!: Record<string, unknown>;
}

export class DisableAccountDto {
  @ApiPropertyOptional({
    example: 'Left the company',
    description: 'Kept in the audit trail; at most 500 characters',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  // Line breaks are fine in a reason; other control characters only garble logs and the audit trail.
  // eslint-disable-next-line no-control-regex
  @Matches(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, {
    message: 'must not contain control characters',
  })
  reason?: string;
}
