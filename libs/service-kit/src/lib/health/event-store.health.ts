import type { EventStore } from '@accounts/event-store';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { EVENT_STORE } from '../event-store/event-store.token';
import { HealthIndicatorRegistry } from './health-indicator-registry';

/** A health probe must answer even when the store hangs (e.g. an unreachable EventStoreDB). */
const PING_TIMEOUT_MS = 3_000;

/** `eventStore: up|down` in GET /health, from `store.ping()`. */
@Injectable()
export class EventStoreHealthIndicator implements OnModuleInit {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly indicators: HealthIndicatorService,
    private readonly registry: HealthIndicatorRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(() => this.check());
  }

  async check(): Promise<HealthIndicatorResult> {
    const session = this.indicators.check('eventStore');
    try {
      await withTimeout(this.store.ping(), PING_TIMEOUT_MS);
      return session.up();
    } catch (error) {
      const { message, code } = error as { message?: string; code?: string };
      return session.down({ message: message ?? String(error), ...(code && { code }) });
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
