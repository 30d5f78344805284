import type { KafkaRelay } from '@accounts/messaging';
import { projectsInThisProcess } from '@accounts/projections';
import type { BeforeApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { Gauge, type Registry } from 'prom-client';
import type { HealthIndicatorRegistry } from '../health/health-indicator-registry';

/**
 * Runs a service's KafkaRelay with the app: started on module init, stopped before shutdown (while
 * the store and the read-model file holding its checkpoint are still open); its lag in /health
 * (`kafkaRelay`) and /metrics (`relay_lag_events`).
 */
export class RelayHost implements OnModuleInit, BeforeApplicationShutdown {
  constructor(
    readonly relay: KafkaRelay,
    private readonly health: HealthIndicatorRegistry,
    private readonly indicators: HealthIndicatorService,
    metrics: Registry,
  ) {
    new Gauge({
      name: 'relay_lag_events',
      help: "Positions of the event store not yet published to Kafka by the service's relay (0 when caught up)",
      labelNames: ['topic'],
      registers: [metrics],
      collect: async function (this: Gauge<'topic'>) {
        const status = await relay.status();
        if (status.lag === undefined) this.reset();
        else this.set({ topic: status.topic }, status.lag);
      },
    });
  }

  onModuleInit(): void {
    // One relay per service: in a service of several workers, the one that maintains the read models.
    if (!projectsInThisProcess()) return;
    this.relay.start();
    this.health.register(() => this.check());
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }

  /**
   * Down only when the relay is not running. Kafka being unreachable leaves it up (with the error
   * and a growing lag): the store is the outbox, so the service keeps serving and nothing is lost.
   */
  private async check(): Promise<HealthIndicatorResult> {
    const session = this.indicators.check('kafkaRelay');
    const { topic, running, connected, position, lag, error } = await this.relay.status();
    const details = {
      topic,
      running,
      connected,
      position,
      lag: lag ?? null,
      ...(error && { error }),
    };
    return running ? session.up(details) : session.down(details);
  }
}
