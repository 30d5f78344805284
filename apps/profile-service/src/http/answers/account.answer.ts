import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AccountView } from '../../application/accounts/account-view';

export class GroupRestrictionAnswer {
  @ApiProperty({ enum: ['all', 'groups'] })
  kind!: 'all' | 'groups';

  @ApiPropertyOptional({
    type: [String],
    description: 'With kind "groups": the groups the account sees',
  })
  groups?: string[];
}

/** Created and last changed, in UTC and in the caller's time zone. */
export class TimestampsAnswer {
  @ApiProperty({ format: 'date-time', description: 'UTC' })
  createdAt!: string;

  @ApiProperty({
    description: "In the caller's time zone, with its offset",
    example: '2026-03-01T10:15:00+01:00',
  })
  createdAtLocal!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({ example: '2026-03-01T10:15:00+01:00' })
  updatedAtLocal!: string;
}

/** A new address waiting for the link mailed to it; until it is used, email codes go to `email`. */
export class PendingEmailAnswer {
  @ApiProperty({ example: 'jane.new@example.com' }) email!: string;
  @ApiProperty({ format: 'date-time', description: 'UTC' }) expiresAt!: string;
  @ApiProperty({ description: "In the caller's time zone", example: '2026-03-02T10:15:00+01:00' })
  expiresAtLocal!: string;
}

/** An account as the API shows it (AccountView). */
export class AccountAnswer extends TimestampsAnswer implements Record<keyof AccountView, unknown> {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) orgId!: string;
  @ApiProperty({ example: 'jane' }) userName!: string;
  @ApiProperty({ example: 'Jane' }) firstName!: string;
  @ApiProperty({ example: 'Doe' }) lastName!: string;
  @ApiProperty({ example: 'jane@example.com' }) email!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'E.164',
    example: '+33612345678',
  })
  mobilePhone!: string | null;
  @ApiProperty({ description: 'IANA time zone', example: 'Europe/Paris' })
  timeZone!: string;
  @ApiProperty({ enum: ['15m', '30m', '1h', '2h', '4h', '8h', 'never'] })
  sessionTimeout!: string;
  @ApiProperty({ enum: ['administrator', 'standard', 'read-only'] })
  accountType!: string;
  @ApiProperty({ type: GroupRestrictionAnswer })
  groupRestriction!: GroupRestrictionAnswer;
  @ApiProperty() enabled!: boolean;
  // Inline rather than a $ref: in OpenAPI 3.0 a nullable $ref (allOf) still refuses null.
  @ApiProperty({
    type: 'object',
    properties: {
      email: { type: 'string' },
      expiresAt: { type: 'string', format: 'date-time', description: 'UTC' },
      expiresAtLocal: { type: 'string', description: "In the caller's time zone" },
    },
    required: ['email', 'expiresAt', 'expiresAtLocal'],
    nullable: true,
    description:
      'A new address waiting for confirmation (POST /accounts/me/email/confirm), or null',
  })
  pendingEmail!: PendingEmailAnswer | null;
}

/** A new account: where no email carries the link (embedded development), the activation link itself. */
export class CreatedAccountAnswer extends AccountAnswer {
  @ApiPropertyOptional({
    description: 'Only in embedded development, where no email is sent',
    example: 'http://localhost:4200/activate?token=…',
  })
  activationLink?: string;
}

export class DirectoryItemAnswer extends TimestampsAnswer {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() userName!: string;
  @ApiProperty() firstName!: string;
  @ApiProperty() lastName!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ['administrator', 'standard', 'read-only'] })
  accountType!: string;
  @ApiProperty() enabled!: boolean;
}

export class DirectoryListingAnswer {
  @ApiProperty({ type: [DirectoryItemAnswer] }) items!: DirectoryItemAnswer[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor!: string | null;
}

export class ReissuedActivationAnswer {
  @ApiProperty({ format: 'uuid' }) accountId!: string;
  @ApiProperty({ format: 'date-time' }) activationExpiresAt!: string;
  @ApiPropertyOptional({
    description: 'Only in embedded development, where no email is sent',
  })
  activationLink?: string;
}
