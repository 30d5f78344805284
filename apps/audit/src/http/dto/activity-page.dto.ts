import { ApiProperty } from '@nestjs/swagger';

const KINDS = [
  'sign-in',
  'sign-in-failed',
  'second-factor-changed',
  'password-changed',
  'trusted-computer-added',
  'trusted-computer-removed',
  'session-ended',
  'api-credential-generated',
  'api-credential-regenerated',
  'api-credential-revoked',
  'changed-by-administrator',
];

/** OpenAPI shape of one item of GET /audit/me/activity (the web page's settings tab reads it). */
export class ActivityItemDto {
  @ApiProperty({ description: 'Global position of the event; orders the items', example: 1042 })
  position!: number;

  @ApiProperty({ description: 'When, ISO-8601 UTC', example: '2026-03-01T09:15:00.000Z' })
  occurredAt!: string;

  @ApiProperty({
    description: 'The same instant in the page’s timeZone, with its offset',
    example: '2026-03-01T10:15:00+01:00',
  })
  localTime!: string;

  @ApiProperty({ enum: KINDS })
  kind!: string;

  @ApiProperty({
    description: 'What happened, in words, old → new where it applies',
    example: 'sign-in method password → authenticator app (every time)',
  })
  summary!: string;

  @ApiProperty({ nullable: true, type: String, example: '203.0.113.7' })
  ip!: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The computer (user agent)',
    example: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0',
  })
  userAgent!: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Sign-ins: the sign-in method; failed sign-ins: what was wrong',
    example: 'password',
  })
  method!: string | null;

  @ApiProperty({ description: 'Who did it, in words', example: 'administrator bob' })
  by!: string;
}

export class ActivityPageDto {
  @ApiProperty({ example: 'Europe/Paris' })
  timeZone!: string;

  @ApiProperty({ type: [ActivityItemDto], description: 'Newest first' })
  items!: ActivityItemDto[];

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Pass as `before` for older items; null on the last page',
  })
  nextCursor!: string | null;
}
