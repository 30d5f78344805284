import { DomainError } from '@accounts/event-sourcing';
import { ProjectionError, type ProjectionRunner } from '@accounts/projections';
import {
  Controller,
  Get,
  HttpCode,
  Inject,
  Logger,
  Param,
  Post,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { SERVICE_KIT_OPTIONS, type ServiceKitOptions } from '../app/service-kit.options';
import {
  ParkedEventsAnswer,
  ProjectionsAnswer,
  RebuildAnswer,
  RetriedAnswer,
  SkippedAnswer,
} from '../openapi/operations-answers';
import { OperationsGuard } from './operations.guard';
import { ProjectionOperationsRegistry } from './projection-operations.registry';

/**
 * The small operations API of every service (issue 10): read models with version, checkpoint, lag
 * and parked events; rebuild one while the live copy keeps answering; retry or skip a parked event.
 */
@ApiTags('operations')
@ApiHeader({
  name: 'X-Operations-Token',
  required: true,
  description: 'OPERATIONS_TOKEN (embedded: DATA_DIR/keys/operations.token)',
})
// No user access token here (the marker @accounts/security's @Public() sets): OperationsGuard decides.
@SetMetadata('accounts:public', true)
@UseGuards(OperationsGuard)
@Controller('ops/projections')
export class OperationsController {
  private readonly logger = new Logger('Operations');

  constructor(
    private readonly registry: ProjectionOperationsRegistry,
    @Inject(SERVICE_KIT_OPTIONS) private readonly options: ServiceKitOptions,
  ) {}

  @Get()
  @ApiOkResponse({ type: ProjectionsAnswer, description: 'The read models' })
  @ApiOperation({
    summary:
      'Every read model of this service: version, checkpoint, lag, parked events, rebuild in progress',
  })
  async list() {
    const projections = (
      await Promise.all(this.registry.all().map((runner) => runner.status()))
    ).flat();
    return { service: this.options.serviceName, projections };
  }

  @Post(':name/rebuild')
  @HttpCode(202)
  @ApiAcceptedResponse({
    type: RebuildAnswer,
    description: 'The rebuild started (or was already running)',
  })
  @ApiOperation({
    summary:
      'Rebuild from position 0 into a fresh copy, swapped in when it caught up (poll GET for progress)',
  })
  async rebuild(@Param('name') name: string) {
    const runner = this.runnerOf(name);
    const before = (await runner.status()).find((s) => s.name === name);
    if (before?.rebuilding) return { name, rebuilding: true, alreadyRunning: true };
    this.logger.log({
      projection: name,
      msg: 'rebuild requested through the operations API',
    });
    runner.rebuild(name).catch((error) =>
      this.logger.error({
        projection: name,
        err: error,
        msg: 'rebuild failed',
      }),
    );
    return { name, rebuilding: true, alreadyRunning: false };
  }

  @Get(':name/parked')
  @ApiOkResponse({ type: ParkedEventsAnswer, description: 'The parked events' })
  @ApiOperation({
    summary: 'Events the live copy skipped after repeated failures',
  })
  parked(@Param('name') name: string) {
    return { name, events: this.runnerOf(name).parkedEvents(name) };
  }

  @Post(':name/parked/:eventId/retry')
  @HttpCode(200)
  @ApiOkResponse({ type: RetriedAnswer, description: 'Applied; no longer parked' })
  @ApiOperation({
    summary: 'Apply a parked event again; 409 with the error if it fails again (it stays parked)',
  })
  async retry(@Param('name') name: string, @Param('eventId') eventId: string) {
    try {
      await this.runnerOf(name).retryParked(name, eventId);
    } catch (error) {
      throw this.refusal(error);
    }
    this.logger.log({
      projection: name,
      eventId,
      msg: 'parked event retried and applied',
    });
    return { name, eventId, applied: true };
  }

  @Post(':name/parked/:eventId/skip')
  @HttpCode(200)
  @ApiOkResponse({ type: SkippedAnswer, description: 'Skipped for good' })
  @ApiOperation({
    summary: 'Leave a parked event out of the read model for good',
  })
  skip(@Param('name') name: string, @Param('eventId') eventId: string) {
    try {
      this.runnerOf(name).skipParked(name, eventId);
    } catch (error) {
      throw this.refusal(error);
    }
    this.logger.warn({
      projection: name,
      eventId,
      msg: 'parked event skipped by an operator',
    });
    return { name, eventId, skipped: true };
  }

  private runnerOf(name: string): ProjectionRunner {
    const runner = this.registry.runnerOf(name);
    if (!runner) {
      throw new DomainError(
        'not_found',
        'OPERATIONS-projection-unknown',
        `${this.options.serviceName} has no projection named ${name}`,
        {
          field: 'name',
        },
      );
    }
    return runner;
  }

  private refusal(error: unknown): unknown {
    if (error instanceof DomainError) return error;
    if (error instanceof ProjectionError) {
      const kind = error.code === 'PROJECTION-parked-unknown' ? 'not_found' : 'conflict';
      return new DomainError(kind, error.code, error.message, {
        field: kind === 'not_found' ? 'eventId' : undefined,
      });
    }
    // apply() failed again: the event stays parked and the operator sees why.
    return new DomainError(
      'conflict',
      'OPERATIONS-retry-failed',
      `The event failed again: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
