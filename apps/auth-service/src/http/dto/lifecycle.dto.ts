import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEmail,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';

/** Exactly one of userName and email (the controller says which is missing). */
export class PasswordResetRequestDto {
  @ApiPropertyOptional({ example: 'alice' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  userName?: string;
  @ApiPropertyOptional({ example: 'alice@example.com' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({
    description: 'The token of the emailed link (…/reset-password?token=…)',
  })
  @IsString()
  @Length(16, 256)
  token!: string;
  @ApiProperty() @IsString() @MaxLength(1024) newPassword!: string;
  @ApiProperty() @IsString() @MaxLength(1024) repeatPassword!: string;
}

/** `{ code }` (the 6 digits received or shown by the app) or `{ recoveryCode }`, not both. */
export class LoginChallengeAnswerDto {
  @ApiPropertyOptional({ example: '123456' })
  @ValidateIf((o: LoginChallengeAnswerDto) => o.recoveryCode === undefined)
  @IsString()
  @Matches(/^\d{6}$/, { message: 'must be the 6 digits you received' })
  code?: string;

  @ApiPropertyOptional({
    example: 'k7m2p-x9qrt',
    description: 'One of the recovery codes shown when the second factor was set up',
  })
  @ValidateIf((o: LoginChallengeAnswerDto) => o.code === undefined)
  @IsString()
  @Matches(/^[a-zA-Z0-9]{5}[\s-]?[a-zA-Z0-9]{5}$/, {
    message: 'must be a recovery code like k7m2p-x9qrt',
  })
  recoveryCode?: string;

  @ApiPropertyOptional({ example: 'email-every-time' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  method?: string;
}

export class NoticePreferenceDto {
  @ApiProperty() @IsBoolean() enabled!: boolean;
}
