import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** GET /dev/outbox as an OpenAPI schema (OutboxEntry). */
export class OutboxEntryAnswer {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ enum: ['email', 'sms'] }) kind!: string;
  @ApiProperty({ description: 'Email address or phone number' }) to!: string;
  @ApiProperty({ description: 'What the message is, e.g. sign-in-code' })
  tag!: string;
  @ApiPropertyOptional({ description: 'Emails only' }) subject?: string;
  @ApiProperty() text!: string;
  @ApiPropertyOptional({
    description: 'Emails only, when there is an HTML part',
  })
  html?: string;
}

export class OutboxAnswer {
  @ApiProperty({ type: [OutboxEntryAnswer], description: 'Newest first' })
  items!: OutboxEntryAnswer[];
}
