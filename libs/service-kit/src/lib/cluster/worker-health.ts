import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { HealthIndicatorRegistry } from '../health/health-indicator-registry';
import { workerIdentity } from './worker-identity';

/**
 * `worker: { id, pid, projects }` in GET /health: which process answered, and whether it is the
 * one maintaining the read models (only worker 1 of a service run as several workers).
 */
@Injectable()
export class WorkerHealthIndicator implements OnModuleInit {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly registry: HealthIndicatorRegistry,
  ) {}

  onModuleInit(): void {
    const { id, projects } = workerIdentity();
    this.registry.register(async () =>
      this.indicators.check('worker').up({ id, pid: process.pid, projects }),
    );
  }
}
