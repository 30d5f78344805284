import { CommandRunner } from '@accounts/event-sourcing';
import type { ReadModelDatabase } from '@accounts/projections';
import { adoptRetiredTables, QueueReactor, SERVICE_CONFIG } from '@accounts/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { join } from 'node:path';
import type { AuthConfig } from '../config';
import { authenticatorDecider, authenticatorStreamId } from '../domain';
import { ReadModels } from './read-models';

/**
 * Email changed with its confirmation link (profile event) -> RecordProvenEmail on the authenticator,
 * so that email codes go to the new address at once instead of to the last address proved by a code.
 * The queue (proven_emails) is a projection of auth's ReadModels; a row is marked done after the
 * append, and RecordProvenEmail of the address already verified changes nothing, so a redelivery is
 * harmless.
 */
@Injectable()
export class ProvenEmailsReactor extends QueueReactor {
  private readonly database: ReadModelDatabase;

  constructor(
    readModels: ReadModels,
    @Inject(SERVICE_CONFIG) config: AuthConfig,
    private readonly commands: CommandRunner,
  ) {
    super(readModels, 'ProvenEmails');
    this.database = readModels.database;
    // Outside the projection: views are read-only, and a rebuild must not redo finished work.
    this.database.run('CREATE TABLE IF NOT EXISTS proven_emails_done (event_id TEXT PRIMARY KEY)');
    // Until this release the queue had a file of its own.
    if (!readModels.runner.follows)
      adoptRetiredTables(
        this.database,
        join(config.DATA_DIR, 'auth-service-proven-emails-read.sqlite'),
        ['proven_emails_done'],
      );
  }

  protected async work(): Promise<void> {
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
