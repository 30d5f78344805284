import { Injectable } from '@nestjs/common';
import type { HealthIndicatorFunction } from '@nestjs/terminus';

/**
 * The checks `GET /health` runs. The event store registers itself; later parts (projection lag,
 * Kafka relay) add theirs from `onModuleInit`: `registry.register(() => this.check())`.
 */
@Injectable()
export class HealthIndicatorRegistry {
  private readonly indicators: HealthIndicatorFunction[] = [];

  register(indicator: HealthIndicatorFunction): void {
    this.indicators.push(indicator);
  }

  all(): HealthIndicatorFunction[] {
    return [...this.indicators];
  }
}
