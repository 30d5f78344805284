import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The answers of /health and /ops/projections as OpenAPI schemas (the controllers return plain objects). */
export class HealthAnswer {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'] })
  status!: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'The dependencies that are up',
  })
  info?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'The dependencies that are down',
  })
  error?: Record<string, unknown>;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Every dependency, up or down',
  })
  details!: Record<string, unknown>;
}

export class ProjectionStatusAnswer {
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'integer', description: 'Version of the code' })
  version!: number;
  @ApiProperty({
    type: 'integer',
    description: 'Version of the copy queries read',
  })
  liveVersion!: number;
  @ApiProperty({ type: 'integer' }) generation!: number;
  @ApiProperty({ type: 'integer', description: 'Checkpoint of the live copy' })
  position!: number;
  @ApiPropertyOptional({ type: 'integer' }) headPosition?: number;
  @ApiPropertyOptional({
    type: 'integer',
    description: 'Events not yet in the live copy',
  })
  lag?: number;
  @ApiProperty() caughtUp!: boolean;
  @ApiProperty() rebuilding!: boolean;
  @ApiPropertyOptional({ type: 'integer' }) rebuildPosition?: number;
  @ApiProperty({ type: 'integer' }) parkedEvents!: number;
  @ApiPropertyOptional({
    description: 'Last error that made the live worker resubscribe',
  })
  error?: string;
}

export class ProjectionsAnswer {
  @ApiProperty({ example: 'profile-service' }) service!: string;
  @ApiProperty({ type: [ProjectionStatusAnswer] })
  projections!: ProjectionStatusAnswer[];
}

export class RebuildAnswer {
  @ApiProperty() name!: string;
  @ApiProperty({ enum: [true] }) rebuilding!: boolean;
  @ApiProperty({
    description: 'A rebuild was already running; none was started',
  })
  alreadyRunning!: boolean;
}

export class ParkedEventAnswer {
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'integer' }) generation!: number;
  @ApiProperty() eventId!: string;
  @ApiProperty({ type: 'integer' }) position!: number;
  @ApiProperty() streamId!: string;
  @ApiProperty() type!: string;
  @ApiProperty({ type: 'integer' }) attempts!: number;
  @ApiProperty() error!: string;
  @ApiProperty({ format: 'date-time' }) failedAt!: string;
}

export class ParkedEventsAnswer {
  @ApiProperty() name!: string;
  @ApiProperty({ type: [ParkedEventAnswer] }) events!: ParkedEventAnswer[];
}

export class RetriedAnswer {
  @ApiProperty() name!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty({ enum: [true] }) applied!: boolean;
}

export class SkippedAnswer {
  @ApiProperty() name!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty({ enum: [true] }) skipped!: boolean;
}
