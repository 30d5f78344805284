import { CommandRunner } from '@accounts/event-sourcing';
import type { EventStore } from '@accounts/event-store';
import type { ProjectionRunner, ReadModelDatabase } from '@accounts/projections';
import { EVENT_STORE, QueueReactor } from '@accounts/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { sessionDecider, sessionStreamId } from '../domain';
import { ReadModels } from './read-models';
import { openSessionsProjection } from './disabled-account-sessions.projection';

/**
 * Account disabled (profile event) -> EndSession { reason: 'account-disabled' } for each open session.
 * The queue and the open sessions are projections of auth's ReadModels (listed in /health, rebuilt like
 * the others), drained after their transaction commits, so a restart resumes where it stopped;
 * EndSession on an ended session changes nothing.
 */
@Injectable()
export class DisabledAccountSessionsReactor extends QueueReactor {
  private readonly database: ReadModelDatabase;
  readonly runner: ProjectionRunner;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    readModels: ReadModels,
    private readonly commands: CommandRunner,
  ) {
    super(readModels, 'DisabledAccountSessions');
    this.database = readModels.database;
    this.runner = readModels.runner;
    // Outside the projections (views are read-only, and a rebuild must not redo finished work).
    this.database.run(
      'CREATE TABLE IF NOT EXISTS reactor_disabled_done (account_id TEXT NOT NULL, event_id TEXT NOT NULL, PRIMARY KEY (account_id, event_id))',
    );
  }

  /** Ends the open sessions of every queued account; an account leaves the queue once all are ended. */
  protected async work(): Promise<void> {
    try {
      const pending = this.database.all<{ account_id: string; event_id: string }>(
        `SELECT p.account_id, p.event_id FROM disabled_pending p
         WHERE NOT EXISTS (SELECT 1 FROM reactor_disabled_done d WHERE d.account_id = p.account_id AND d.event_id = p.event_id)`,
      );
      if (pending.length === 0) return;
      // Every session started until now must be in open_sessions before it is read.
      if (
        !(await this.runner.waitForPosition(
          await this.store.headPosition(),
          5000,
          openSessionsProjection.name,
        ))
      )
        return;
      for (const { account_id: accountId, event_id: eventId } of pending) {
        const sessions = this.database.all<{ session_id: string; org_id: string | null }>(
          'SELECT session_id, org_id FROM open_sessions WHERE account_id = ?',
          accountId,
        );
        for (const session of sessions)
          await this.commands.run({
            streamId: sessionStreamId(session.session_id),
            decider: sessionDecider,
            command: {
              type: 'EndSession',
              data: {
                sessionId: session.session_id,
                reason: 'account-disabled',
                actor: { kind: 'system' },
              },
            },
            actor: { kind: 'system' },
            orgId: session.org_id ?? undefined,
          });
        // Only the entry seen here: a later disable of the same account is queued again.
        this.database.run(
          'INSERT OR IGNORE INTO reactor_disabled_done (account_id, event_id) VALUES (?, ?)',
          accountId,
          eventId,
        );
      }
    } catch (error) {
      this.logger.warn(
        { err: error },
        'Ending the sessions of a disabled account failed; retrying',
      );
    }
  }
}
