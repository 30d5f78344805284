import { CommandRunner } from '@accounts/event-sourcing';
import type { EventStore } from '@accounts/event-store';
import { ProjectionRunner, ReadModelDatabase } from '@accounts/projections';
import { EVENT_STORE, profileEventsSource, SERVICE_CONFIG } from '@accounts/service-kit';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { AuthConfig } from '../config';
import { authenticatorDecider, authenticatorStreamId } from '../domain';
import { provenEmailsProjection } from './proven-emails.projection';

const DRAIN_EVERY_MS = 100;

/**
 * Email changed with its confirmation link (profile event) -> RecordProvenEmail on the authenticator,
 * so that email codes go to the new address at once instead of to the last address proved by a code.
 * The queue is a checkpointed read model (its own file); a row is marked done after the append, and
 * RecordProvenEmail of the address already verified changes nothing, so a redelivery is harmless.
 */
@Injectable()
export class ProvenEmailsReactor implements OnModuleInit, OnApplicationShutdown {
  private readonly database: ReadModelDatabase;
  readonly runner: ProjectionRunner;
  private readonly logger = new Logger('ProvenEmails');
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(SERVICE_CONFIG) config: AuthConfig,
    private readonly commands: CommandRunner,
  ) {
    this.database = ReadModelDatabase.forService(config.DATA_DIR, 'auth-service-proven-emails');
    this.runner = new ProjectionRunner({
      database: this.database,
      // The internal event (with its requestId) from the store, whatever PROFILE_EVENTS_SOURCE says.
      source: profileEventsSource(store, config, 'auth-service', []),
      projections: [provenEmailsProjection],
      batchMs: 5,
    });
    // Outside the projection: views are read-only, and a rebuild must not redo finished work.
    this.database.run('CREATE TABLE IF NOT EXISTS proven_emails_done (event_id TEXT PRIMARY KEY)');
  }

  async onModuleInit(): Promise<void> {
    await this.runner.start();
    // With several workers, only the one maintaining the read models records (once, not per worker).
    if (this.runner.follows) return;
    this.timer = setInterval(() => void this.drain(), DRAIN_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.draining;
    await this.runner.stop();
    this.database.close();
  }

  drain(): Promise<void> {
    this.draining ??= this.recordPending().finally(() => (this.draining = null));
    return this.draining;
  }

  private async recordPending(): Promise<void> {
    const rows = this.database.all<{
      event_id: string;
      account_id: string;
      org_id: string | null;
      email: string;
      proven_at: string;
    }>(
      `SELECT q.event_id, q.account_id, q.org_id, q.email, q.proven_at FROM proven_emails q
       WHERE NOT EXISTS (SELECT 1 FROM proven_emails_done d WHERE d.event_id = q.event_id) ORDER BY q.position LIMIT 100`,
    );
    for (const row of rows) {
      try {
        await this.commands.run({
          streamId: authenticatorStreamId(row.account_id),
          decider: authenticatorDecider,
          command: {
            type: 'RecordProvenEmail',
            data: {
              accountId: row.account_id,
              email: row.email,
              provenAt: row.proven_at,
            },
          },
          actor: { kind: 'system' },
          orgId: row.org_id ?? undefined,
          // Not inside a request: nothing reads this answer, and auth's read models need not catch up.
          waitFor: false,
        });
        this.database.run(
          'INSERT OR IGNORE INTO proven_emails_done (event_id) VALUES (?)',
          row.event_id,
        );
      } catch (error) {
        this.logger.warn(
          { err: error, eventId: row.event_id },
          'Recording a confirmed email address failed; retrying',
        );
        return;
      }
    }
  }
}
