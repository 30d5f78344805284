import { ApiProperty } from '@nestjs/swagger';

/** GET /audit/accounts/{accountId}/history (HistoryPage). */
export class HistoryActorAnswer {
  @ApiProperty({ description: 'user, admin, system, …', example: 'admin' })
  kind!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) accountId!: string | null;
  @ApiProperty({ description: 'Who, in words', example: 'administrator bob' })
  words!: string;
}

export class HistoryEntryAnswer {
  @ApiProperty({ type: 'integer', description: 'Global position of the event' })
  position!: number;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({
    description: 'The same instant in timeZone, with its offset',
    example: '2026-03-01T10:15:00+01:00',
  })
  localTime!: string;
  @ApiProperty({ example: 'Europe/Paris' }) timeZone!: string;
  @ApiProperty({ type: HistoryActorAnswer }) actor!: HistoryActorAnswer;
  @ApiProperty({ type: String, nullable: true }) ip!: string | null;
  @ApiProperty({ type: String, nullable: true }) userAgent!: string | null;
  @ApiProperty({ description: 'What happened, in words' }) summary!: string;
  @ApiProperty({ description: 'The event type', example: 'PasswordChanged' })
  type!: string;
  @ApiProperty() streamId!: string;
  @ApiProperty({ type: 'integer' }) revision!: number;
  @ApiProperty({ type: String, nullable: true }) correlationId!: string | null;
}

export class HistoryPageAnswer {
  @ApiProperty({ format: 'uuid' }) accountId!: string;
  @ApiProperty() userName!: string;
  @ApiProperty({ example: 'Europe/Paris' }) timeZone!: string;
  @ApiProperty({ type: [HistoryEntryAnswer] }) entries!: HistoryEntryAnswer[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `after` for the next page; null on the last page',
  })
  nextCursor!: string | null;
}

/** GET /audit/accounts/{accountId}/state (AccountStateAt): each service's own answer, side by side. */
export class UnavailablePartAnswer {
  @ApiProperty({ enum: ['profile', 'authentication', 'apiCredentials'] })
  part!: string;
  @ApiProperty({ example: 'auth-service' }) service!: string;
  @ApiProperty({
    type: 'integer',
    description: 'The HTTP status the service answered (0: not reachable)',
  })
  status!: number;
  @ApiProperty() message!: string;
}

export class AccountStateAnswer {
  @ApiProperty({ format: 'uuid' }) accountId!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description: "profile-service's GET /accounts/{id}?at= answer",
  })
  profile!: unknown;
  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description: "auth-service's GET /auth/accounts/{id}/security?at= answer",
  })
  authentication!: unknown;
  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description: "credentials-service's GET /api-credentials?accountId=&at= answer",
  })
  apiCredentials!: unknown;
  @ApiProperty({
    type: [UnavailablePartAnswer],
    description: 'Parts a service could not give, named',
  })
  unavailable!: UnavailablePartAnswer[];
}
