import { SERVICE_CONFIG } from '@accounts/service-kit';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnModuleInit,
} from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { CredentialsConfig } from '../config';
import { ReadModels } from './read-models';

/**
 * "Last used" of each credential. Not an event: one per token request would flood the store and
 * every consumer with noise. Kept in memory and written to the read-model file every
 * LAST_USED_FLUSH_MS (and at shutdown) in one transaction, in a table no rebuild touches
 * (`credential_last_used`, created with the read models).
 */
@Injectable()
export class LastUsedRecorder implements OnModuleInit, BeforeApplicationShutdown {
  private pending = new Map<string, string>();
  private timer?: ReturnType<typeof setInterval>;

  constructor(
    private readonly readModels: ReadModels,
    @Inject(SERVICE_CONFIG) private readonly config: CredentialsConfig,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('LastUsedRecorder');
  }

  onModuleInit(): void {
    const timer = setInterval(() => this.flushLogged(), this.config.LAST_USED_FLUSH_MS);
    timer.unref();
    this.timer = timer;
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
    this.flushLogged();
  }

  record(credentialId: string, at: Date): void {
    this.pending.set(credentialId, at.toISOString());
  }

  /** A use not yet written, so this process's lists are exact between flushes. */
  pendingFor(credentialId: string): string | undefined {
    return this.pending.get(credentialId);
  }

  /** Writes every pending use in one transaction; returns how many. */
  flush(): number {
    if (this.pending.size === 0) return 0;
    const batch = this.pending;
    this.pending = new Map();
    const { database } = this.readModels;
    try {
      database.transaction(() => {
        for (const [credentialId, at] of batch) {
          database.run(
            `INSERT INTO credential_last_used (credential_id, last_used_at) VALUES (?, ?)
             ON CONFLICT (credential_id) DO UPDATE SET last_used_at = max(last_used_at, excluded.last_used_at)`,
            credentialId,
            at,
          );
        }
      });
    } catch (error) {
      // Keep the uses for the next attempt, unless newer ones arrived meanwhile.
      for (const [credentialId, at] of batch)
        if (!this.pending.has(credentialId)) this.pending.set(credentialId, at);
      throw error;
    }
    return batch.size;
  }

  private flushLogged(): void {
    try {
      this.flush();
    } catch (error) {
      this.logger.error(
        { err: error },
        'could not write last-used times; retrying at the next flush',
      );
    }
  }
}
