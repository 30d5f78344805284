import { HealthIndicatorRegistry } from '@accounts/service-kit';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { CredentialsReadModels } from './credentials-read-models';

/**
 * `readModels` in GET /health: down when a projection fails, since a stuck key-status model
 * would keep accepting revoked secrets.
 */
@Injectable()
export class ReadModelsHealth implements OnModuleInit {
  constructor(
    private readonly readModels: CredentialsReadModels,
    private readonly indicators: HealthIndicatorService,
    private readonly registry: HealthIndicatorRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(async () => {
      const session = this.indicators.check('readModels');
      const projections = (await this.readModels.runner.status()).map((s) => ({
        name: s.name,
        lag: s.lag,
        rebuilding: s.rebuilding,
        parkedEvents: s.parkedEvents,
        ...(s.error && { error: s.error }),
      }));
      return projections.some((p) => p.error) ? session.down({ projections }) : session.up({ projections });
    });
  }
}
