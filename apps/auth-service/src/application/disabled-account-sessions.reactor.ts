import type { EventStore } from '@accounts/event-store';
import { ProjectionRunner, ReadModelDatabase } from '@accounts/projections';
import { EVENT_STORE, profileEventsSource, SERVICE_CONFIG } from '@accounts/service-kit';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { sessionDecider, sessionStreamId } from '../domain';
import type { AuthConfig } from '../config';
import { AuthStore, metadataOf } from './auth-store';
import { disabledAccountsProjection, openSessionsProjection } from './disabled-account-sessions.projection';

const DRAIN_EVERY_MS = 100;

/**
 * Account disabled (profile event) -> EndSession { reason: 'account-disabled' } for each open session.
 * The queue is a checkpointed read model (its own file), drained after its transaction commits, so a
 * restart resumes where it stopped; EndSession on an ended session changes nothing.
 */
@Injectable()
export class DisabledAccountSessionsReactor implements OnModuleInit, OnApplicationShutdown {
  private readonly database: ReadModelDatabase;
  readonly runner: ProjectionRunner;
  private readonly logger = new Logger('DisabledAccountSessions');
  private timer: NodeJS.Timeout | null = null;
  private draining = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SERVICE_CONFIG) config: AuthConfig,
    private readonly auth: AuthStore,
  ) {
    this.database = ReadModelDatabase.forService(config.DATA_DIR, 'auth-service-reactions');
    this.runner = new ProjectionRunner({
      database: this.database,
      // Profile events where profile_facts gets them (store or Kafka); sessions from the store.
      source: profileEventsSource(store, config, 'auth-service', [disabledAccountsProjection]),
      projections: [disabledAccountsProjection, openSessionsProjection],
      batchMs: 5,
    });
    // Outside the projections (views are read-only, and a rebuild must not redo finished work).
    this.database.run(
      'CREATE TABLE IF NOT EXISTS reactor_disabled_done (account_id TEXT NOT NULL, event_id TEXT NOT NULL, PRIMARY KEY (account_id, event_id))',
    );
  }

  async onModuleInit(): Promise<void> {
    await this.runner.start();
    // With several workers, only the one maintaining the read models ends sessions (once, not per worker).
    if (this.runner.follows) return;
    this.timer = setInterval(() => void this.drain(), DRAIN_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    while (this.draining) await new Promise((resolve) => setTimeout(resolve, 10));
    await this.runner.stop();
    this.database.close();
  }

  /** Ends the open sessions of every queued account; an account leaves the queue once all are ended. */
  async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      const pending = this.database.all<{ account_id: string; event_id: string }>(
        `SELECT p.account_id, p.event_id FROM disabled_pending p
         WHERE NOT EXISTS (SELECT 1 FROM reactor_disabled_done d WHERE d.account_id = p.account_id AND d.event_id = p.event_id)`,
      );
      if (pending.length === 0) return;
      // Every session started until now must be in open_sessions before it is read.
      if (!(await this.runner.waitForPosition(await this.store.headPosition(), 5000, openSessionsProjection.name))) return;
      for (const { account_id: accountId, event_id: eventId } of pending) {
        const sessions = this.database.all<{ session_id: string; org_id: string | null }>(
          'SELECT session_id, org_id FROM open_sessions WHERE account_id = ?',
          accountId,
        );
        for (const session of sessions)
          await this.auth.run(
            sessionStreamId(session.session_id),
            sessionDecider,
            { type: 'EndSession', data: { sessionId: session.session_id, reason: 'account-disabled', actor: { kind: 'system' } } },
            metadataOf({ kind: 'system' }, session.org_id ?? undefined),
          );
        // Only the entry seen here: a later disable of the same account is queued again.
        this.database.run('INSERT OR IGNORE INTO reactor_disabled_done (account_id, event_id) VALUES (?, ?)', accountId, eventId);
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'Ending the sessions of a disabled account failed; retrying');
    } finally {
      this.draining = false;
    }
  }
}
