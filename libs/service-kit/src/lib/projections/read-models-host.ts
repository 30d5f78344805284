import {
  type EventSource,
  type Projection,
  ProjectionRunner,
  ReadModelDatabase,
} from '@accounts/projections';
import {
  type BeforeApplicationShutdown,
  Inject,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
  Optional,
} from '@nestjs/common';
import type { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import type { TokenRevocations } from '@accounts/security';
import type { HealthIndicatorRegistry } from '../health/health-indicator-registry';
import { revokedTokensProjection } from '../revocations/revoked-tokens.projection';
import { RevokedTokens } from '../revocations/revoked-tokens';
import { ProjectionOperationsRegistry } from '../operations/projection-operations.registry';

export interface ReadModelsHostOptions {
  /** Names the file: `${dataDir}/<service>-read.sqlite`. */
  readonly service: string;
  readonly dataDir: string;
  readonly source: EventSource;
  readonly projections: readonly Projection[];
  /** Writes wait for their own events to reach the read models (read-your-writes) at most this long. */
  readonly readYourWritesTimeoutMs: number;
  /** Small batches keep a write's wait short. */
  readonly batchMs?: number;
  /**
   * Tables beside the projections that no event rebuilds (a reactor's marks of finished work, batched
   * writes): created at start with `CREATE TABLE IF NOT EXISTS`, never dropped by a rebuild.
   */
  readonly ownTables?: string;
  /** Registers a `projections` indicator (lag, caught up, parked events) in /health. */
  readonly health?: {
    readonly registry: HealthIndicatorRegistry;
    readonly indicators: HealthIndicatorService;
  };
}

/**
 * A service's read models as a Nest provider: one SQLite file, one ProjectionRunner started with the
 * app and stopped at a checkpoint before the store closes. Each service extends it with its projections;
 * every service also gets the revoked_tokens model, read by its access-token guard (`revocations`).
 */
export abstract class ReadModelsHost
  implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown
{
  readonly database: ReadModelDatabase;
  readonly runner: ProjectionRunner;
  /** Provide it as TOKEN_REVOCATIONS: tokens of ended sessions and disabled accounts stop working. */
  readonly revocations: TokenRevocations;
  protected readonly logger = new Logger('Projections');
  // A property, not a constructor parameter: every service's subclass gets the operations API unchanged.
  @Optional()
  @Inject(ProjectionOperationsRegistry)
  private readonly operations?: ProjectionOperationsRegistry;

  protected constructor(private readonly options: ReadModelsHostOptions) {
    this.database = ReadModelDatabase.forService(options.dataDir, options.service);
    this.runner = new ProjectionRunner({
      database: this.database,
      source: options.source,
      // From the store: session events are not on the profile topic, and every service shares the store.
      projections: [...options.projections, revokedTokensProjection],
      ...(options.batchMs !== undefined && { batchMs: options.batchMs }),
      logger: {
        info: (details, message) => this.logger.log({ ...details, msg: message }),
        warn: (details, message) => this.logger.warn({ ...details, msg: message }),
        error: (details, message) => this.logger.error({ ...details, msg: message }),
      },
    });
    this.revocations = new RevokedTokens(this.database);
    if (options.ownTables) this.database.db.exec(options.ownTables);
  }

  async onModuleInit(): Promise<void> {
    await this.runner.start();
    this.operations?.register(this.runner);
    this.options.health?.registry.register(() => this.check());
  }

  /** Before the store closes (its hook runs last), so the checkpoint is consistent. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }

  onApplicationShutdown(): void {
    this.database.close();
  }

  /**
   * Read-your-writes: waits until the read models (or one of them) include `position`. After the
   * timeout the write has still succeeded; only a read right after it may not show it yet. `ownEvent`:
   * the event at `position` is one `projection` takes (ProjectionRunner.waitForPosition).
   */
  async waitFor(
    position: number,
    projection?: string,
    timeoutMs = this.options.readYourWritesTimeoutMs,
    ownEvent = false,
  ): Promise<void> {
    if (position <= 0) return;
    if (!(await this.runner.waitForPosition(position, timeoutMs, projection, ownEvent))) {
      this.logger.warn(
        { position, projection },
        'Read models lag behind a write; answering anyway',
      );
    }
  }

  /** Rebuilds one projection from position 0 into a fresh copy while the live one keeps answering. */
  rebuild(name: string): Promise<void> {
    return this.runner.rebuild(name);
  }

  private async check(): Promise<HealthIndicatorResult> {
    const session = this.options.health!.indicators.check('projections');
    const statuses = await this.runner.status();
    const details = Object.fromEntries(
      statuses.map((s) => [
        s.name,
        {
          lag: s.lag ?? null,
          caughtUp: s.caughtUp,
          parkedEvents: s.parkedEvents,
          ...(s.error && { error: s.error }),
          // Maintained by the service's projecting worker; this worker reads its checkpoints.
          ...(s.followed && { followed: true }),
        },
      ]),
    );
    return statuses.some((s) => s.error) ? session.down(details) : session.up(details);
  }
}
