import type { ReadModelDatabase } from '@accounts/projections';
import type { Names } from '../domain/names';

export interface IndexedAccount {
  readonly accountId: string;
  readonly orgId: string;
  readonly userName: string;
  readonly timeZone: string;
}

/** A user name that matches: the account that holds it now, or one that held it before a rename. */
export interface NameCandidate extends IndexedAccount {
  readonly heldName: string;
  readonly current: boolean;
}

/** Reads of the account index (logical tables: views over the live copy). */
export class AccountIndexQueries implements Names {
  constructor(private readonly database: ReadModelDatabase) {}

  account(accountId: string): IndexedAccount | undefined {
    return this.database.get<IndexedAccount>(
      'SELECT account_id AS accountId, org_id AS orgId, user_name AS userName, time_zone AS timeZone FROM indexed_accounts WHERE account_id = ?',
      accountId,
    );
  }

  /** Every account that ever held `userName` (case-insensitively), the current holder first. */
  candidatesForName(userName: string): NameCandidate[] {
    return this.database
      .all<IndexedAccount & { heldName: string; current: number }>(
        `SELECT a.account_id AS accountId, a.org_id AS orgId, a.user_name AS userName, a.time_zone AS timeZone,
                n.user_name AS heldName, lower(a.user_name) = n.lower_name AS current
           FROM account_names n JOIN indexed_accounts a ON a.account_id = n.account_id
          WHERE n.lower_name = ? ORDER BY current DESC, n.first_position DESC`,
        userName.toLowerCase(),
      )
      .map((row) => ({ ...row, current: row.current === 1 }));
  }

  streamsOf(accountId: string): string[] {
    return this.database
      .all<{
        stream_id: string;
      }>(
        'SELECT stream_id FROM account_streams WHERE account_id = ? ORDER BY first_position',
        accountId,
      )
      .map((row) => row.stream_id);
  }

  /** The account a stream concerns (every stream of ACCOUNT_STREAM_PREFIXES but `username-`). */
  accountOfStream(streamId: string): string | undefined {
    return this.database.get<{ account_id: string }>(
      'SELECT account_id FROM account_streams WHERE stream_id = ?',
      streamId,
    )?.account_id;
  }

  orgOf(accountId: string): string | undefined {
    return this.database.get<{ org_id: string }>(
      'SELECT org_id FROM indexed_accounts WHERE account_id = ?',
      accountId,
    )?.org_id;
  }

  userNameOf(accountId: string): string | undefined {
    return this.database.get<{ user_name: string }>(
      'SELECT user_name FROM indexed_accounts WHERE account_id = ?',
      accountId,
    )?.user_name;
  }

  credentialOf(credentialId: string): { name: string | null; clientId: string } | undefined {
    return this.database.get<{ name: string | null; clientId: string }>(
      'SELECT name, client_id AS clientId FROM indexed_credentials WHERE credential_id = ?',
      credentialId,
    );
  }

  deviceLabelOf(deviceId: string): string | undefined {
    return this.database.get<{ label: string }>(
      'SELECT label FROM indexed_devices WHERE device_id = ?',
      deviceId,
    )?.label;
  }
}
