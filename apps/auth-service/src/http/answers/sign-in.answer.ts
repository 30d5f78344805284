import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The answers of activation, sign-in and refresh (the services return plain objects). */
export class ActivatedAnswer {
  @ApiProperty({
    format: 'uuid',
    description: 'The account now active: sign in with POST /auth/login',
  })
  accountId!: string;
}

export class TokenAnswer {
  @ApiProperty({ description: 'JWT (EdDSA), 300 s' }) accessToken!: string;
  @ApiProperty({
    description: 'Works once: POST /auth/refresh answers a new one',
  })
  refreshToken!: string;
  @ApiProperty({ type: 'integer', example: 300 }) expiresIn!: number;
  @ApiProperty({ enum: ['Bearer'] }) tokenType!: 'Bearer';
}

export class SignInTokenAnswer extends TokenAnswer {
  @ApiPropertyOptional({
    description: 'Only where the method trusts computers (also set as the trusted_device cookie)',
  })
  trustedDeviceToken?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'A second factor just came into use: its first recovery codes, shown this once',
  })
  recoveryCodes?: string[];

  @ApiPropertyOptional({
    type: 'integer',
    description: 'Signed in with a recovery code: how many are left',
  })
  recoveryCodesLeft?: number;
}

export class ChallengeAnswer {
  @ApiProperty({
    format: 'uuid',
    description: 'Answer with POST /auth/login/{challengeId}',
  })
  challengeId!: string;
  @ApiProperty({
    description: 'The sign-in method, or enroll-second-factor when one must be set up first',
    example: 'email-every-time',
  })
  method!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The masked destination of the code',
    example: 'j***@example.com',
  })
  sentTo!: string | null;
  @ApiPropertyOptional({
    description: 'Why a second factor is asked for',
    example: 'new-computer',
  })
  reason?: string;
}

/** An authenticator app to set up: scan the QR code or type the secret, then answer with a code. */
export class AuthenticatorEnrollmentAnswer {
  @ApiProperty({
    example: 'otpauth://totp/Accounts:jane?secret=…&issuer=Accounts',
  })
  otpauthUri!: string;
  @ApiProperty({ description: 'Base32 TOTP secret, shown once' })
  secret!: string;
  @ApiProperty({ description: 'PNG data URL of otpauthUri' }) qrCode!: string;
}

/** POST /auth/login/{challengeId}/enrollment: the code went to sentTo, or the app to set up is in enrollment. */
export class EnrollmentChoiceAnswer {
  @ApiProperty({ format: 'uuid' }) challengeId!: string;
  @ApiProperty({ example: 'authenticator-every-time' }) method!: string;
  @ApiPropertyOptional({
    description: 'Email or SMS methods: where the code went',
  })
  sentTo?: string;
  @ApiPropertyOptional({
    type: AuthenticatorEnrollmentAnswer,
    description: 'Authenticator methods',
  })
  enrollment?: AuthenticatorEnrollmentAnswer;
}

/** POST /auth/password-reset: the same answer whether or not an account matched. */
export class PasswordResetRequestedAnswer {
  @ApiProperty({ enum: [true] }) accepted!: boolean;
  @ApiProperty({
    example: 'If an account matches, an email with a link to choose a new password is on its way.',
  })
  message!: string;
}

export class PasswordResetAnswer {
  @ApiProperty({ enum: [true] }) reset!: boolean;
  @ApiProperty({
    type: 'integer',
    description: 'Sessions of the account that ended',
  })
  endedSessions!: number;
}
