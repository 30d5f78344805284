import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { HealthIndicatorRegistry } from '../health/health-indicator-registry';
import { servingTogether } from './listen-together';
import { workerIdentity } from './worker-identity';

/**
 * `worker: { id, pid, projects }` in GET /health: which process answered, and whether it is the
 * one maintaining the read models (only worker 1 of a service run as several workers). Down
 * (`starting: true`, 503) until every worker of the service listens, so that a client that waits
 * for /health opens its connections on all of them.
 */
@Injectable()
export class WorkerHealthIndicator implements OnModuleInit {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly registry: HealthIndicatorRegistry,
  ) {}

  onModuleInit(): void {
    const { id, projects } = workerIdentity();
    this.registry.register(async () => {
      const worker = this.indicators.check('worker');
      return servingTogether()
        ? worker.up({ id, pid: process.pid, projects })
        : worker.down({ id, pid: process.pid, projects, starting: true });
    });
  }
}
