import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AuthenticatorEnrollmentAnswer } from './sign-in.answer';

/** The answers of the signed-in user's own sign-in settings. */
export class SessionAnswer {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The computer (user agent)',
  })
  device!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '203.0.113.7' }) ip!: string | null;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ format: 'date-time' }) lastActiveAt!: string;
  @ApiProperty({ description: 'The session of this access token' })
  current!: boolean;
}

export class SessionListAnswer {
  @ApiProperty({ type: [SessionAnswer] }) items!: SessionAnswer[];
}

export class PasswordChangedAnswer {
  @ApiProperty({
    type: 'integer',
    description: 'Other sessions ended (endOtherSessions)',
  })
  endedSessions!: number;
}

export class MySignInMethodAnswer {
  @ApiProperty({ example: 'password' }) method!: string;
  @ApiProperty() authenticatorEnrolled!: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'An authenticator method waiting for its first code',
  })
  pendingAuthenticatorMethod!: string | null;
  @ApiProperty() emailVerified!: boolean;
  @ApiProperty() phoneVerified!: boolean;
}

export class MethodChangedAnswer {
  @ApiProperty({ description: 'The method in force now' }) method!: string;
  // Inline rather than a $ref: in OpenAPI 3.0 a nullable $ref (allOf) still refuses null.
  @ApiProperty({
    type: 'object',
    properties: {
      otpauthUri: { type: 'string' },
      secret: { type: 'string', description: 'Base32 TOTP secret, shown once' },
      qrCode: { type: 'string', description: 'PNG data URL of otpauthUri' },
      pendingMethod: {
        type: 'string',
        description: 'The method in force once POST /auth/me/authenticator/confirm succeeds',
      },
    },
    required: ['otpauthUri', 'secret', 'qrCode', 'pendingMethod'],
    nullable: true,
    description:
      'Set when an authenticator method starts enrollment: confirm with POST /auth/me/authenticator/confirm',
  })
  enrollment!: (AuthenticatorEnrollmentAnswer & { pendingMethod: string }) | null;
  @ApiPropertyOptional({
    type: [String],
    description: 'The first recovery codes, shown this once, when a second factor comes into use',
  })
  recoveryCodes?: string[];
}

export class AuthenticatorConfirmedAnswer {
  @ApiProperty() method!: string;
  @ApiPropertyOptional({
    type: [String],
    description: 'The first recovery codes, shown this once',
  })
  recoveryCodes?: string[];
}

export class VerificationStartedAnswer {
  @ApiProperty({ enum: ['email', 'sms'] }) channel!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Where the code went',
  })
  sentTo!: string | null;
}

export class VerificationConfirmedAnswer {
  @ApiProperty({ enum: ['email', 'sms'] }) channel!: string;
  @ApiProperty({ enum: [true] }) verified!: boolean;
}

export class TrustedDeviceAnswer {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The computer (user agent)' }) label!: string;
  @ApiProperty({ type: String, nullable: true }) ip!: string | null;
  @ApiProperty({ format: 'date-time' }) firstUsedAt!: string;
  @ApiProperty({ format: 'date-time' }) lastUsedAt!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ description: 'The computer this request comes from' })
  current!: boolean;
}

export class TrustedDeviceListAnswer {
  @ApiProperty({ type: [TrustedDeviceAnswer] }) items!: TrustedDeviceAnswer[];
}

export class RecoveryCodesStatusAnswer {
  @ApiProperty({ type: 'integer' }) remaining!: number;
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({
    description: '3 or fewer left, or none while a second factor is in use',
  })
  warning!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  generatedAt!: string | null;
}

export class RecoveryCodesAnswer {
  @ApiProperty({
    type: [String],
    description: 'Shown this once',
    example: ['k7m2p-x9qrt'],
  })
  codes!: string[];
  @ApiProperty({ type: 'integer' }) remaining!: number;
}

export class NoticeAnswer {
  @ApiProperty({ example: 'new-sign-in' }) notice!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ description: 'Critical notices cannot be turned off' })
  critical!: boolean;
  @ApiProperty() enabled!: boolean;
}

export class NoticeListAnswer {
  @ApiProperty({ type: [NoticeAnswer] }) items!: NoticeAnswer[];
}

export class NoticePreferenceAnswer {
  @ApiProperty({ example: 'new-sign-in' }) notice!: string;
  @ApiProperty() enabled!: boolean;
}
