import { ApiProperty } from '@nestjs/swagger';

/** GET /auth/accounts/{id}/security (AccountSecurityAsOf). */
export class SecurityTrustedDeviceAnswer {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ type: String, nullable: true }) ip!: string | null;
  @ApiProperty({ format: 'date-time' }) addedAt!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

export class SecurityOpenSessionAnswer {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) lastActiveAt!: string;
  @ApiProperty({ format: 'date-time' }) absoluteExpiresAt!: string;
}

export class AccountSecurityAnswer {
  @ApiProperty({ format: 'uuid' }) accountId!: string;
  @ApiProperty({ example: 'password' }) method!: string;
  @ApiProperty() authenticatorEnrolled!: boolean;
  @ApiProperty() passwordSet!: boolean;
  @ApiProperty({ type: [SecurityTrustedDeviceAnswer] })
  trustedDevices!: SecurityTrustedDeviceAnswer[];
  @ApiProperty({ type: [SecurityOpenSessionAnswer] })
  openSessions!: SecurityOpenSessionAnswer[];
}
