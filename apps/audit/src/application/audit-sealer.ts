import type { EventStore } from '@accounts/event-store';
import { EVENT_STORE, SERVICE_CONFIG } from '@accounts/service-kit';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import type { AuditConfig } from '../config';
import { sealStore } from './seals';
import { projectsInThisProcess } from '@accounts/projections';

/** Appends an AuditSealed event every AUDIT_SEAL_INTERVAL_SECONDS when there are new events. */
@Injectable()
export class AuditSealer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('AuditSealer');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SERVICE_CONFIG) private readonly config: AuditConfig,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.AUDIT_SEAL_INTERVAL_SECONDS;
    // With several workers, one seals (the one maintaining the read models).
    if (seconds === 0 || !projectsInThisProcess()) return;
    this.timer = setInterval(() => void this.sealOnce(), seconds * 1000);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One seal at a time; a failure is logged and the next tick tries again. */
  sealOnce(): Promise<void> {
    this.running ??= sealStore(this.store)
      .then((result) => {
        if (result.sealed)
          this.logger.log({
            msg: 'store sealed',
            upTo: result.data?.toPosition,
            count: result.data?.count,
          });
      })
      .catch((error) => this.logger.error({ msg: 'sealing failed', err: error }))
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
