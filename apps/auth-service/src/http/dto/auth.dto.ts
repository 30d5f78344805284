import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';

/** Lengths are only sanity bounds here; the password rules are the domain's (400 naming the field). */
export class ActivateDto {
  @ApiProperty() @IsString() @MinLength(16) @MaxLength(512) token!: string;
  @ApiProperty() @IsString() @MaxLength(1024) password!: string;
}

export class LoginDto {
  @ApiProperty() @IsString() @Length(1, 64) userName!: string;
  @ApiProperty() @IsString() @Length(1, 1024) password!: string;
}

export class ChallengeCodeDto {
  @ApiProperty({ example: '123456' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'must be the 6 digits you received' })
  code!: string;
}

/** An enrollment challenge may also say which email/SMS method to keep (e.g. `email-every-time`). */
export class LoginChallengeCodeDto extends ChallengeCodeDto {
  @ApiPropertyOptional({ example: 'email-every-time' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  method?: string;
}

export class RefreshDto {
  @ApiProperty() @IsString() @Length(1, 256) refreshToken!: string;
}

export class ChangePasswordDto {
  @ApiProperty() @IsString() @MaxLength(1024) currentPassword!: string;
  @ApiProperty() @IsString() @MaxLength(1024) newPassword!: string;
  @ApiProperty() @IsString() @MaxLength(1024) repeatPassword!: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() endOtherSessions?: boolean;
}

export class ChangeMethodDto {
  @ApiProperty({ example: 'authenticator' }) @IsString() @MaxLength(64) method!: string;
}

export class ResetAuthenticatorDto {
  @ApiProperty() @IsString() @MaxLength(1000) reason!: string;
}

export class ContactChannelParam {
  @ApiProperty({
    enum: ['email', 'sms'],
    description: 'Which contact to verify: the email address or the mobile phone',
  })
  @IsIn(['email', 'sms'])
  channel!: 'email' | 'sms';
}
