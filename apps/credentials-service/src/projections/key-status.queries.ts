import { SqliteChangeWatch } from '@accounts/security';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ReadModels } from './read-models';

/** Credentials remembered between commits to the read-model file (only found ones: a guesser's ids are not). */
const MAX_REMEMBERED_KEYS = 10_000;

/** What the token path needs about one clientId, with its account's state, in one indexed read. */
export interface KeyCheckRow {
  readonly credential_id: string;
  readonly account_id: string;
  readonly secret_hash: string | null;
  readonly status: 'active' | 'revoked';
  readonly expires_at: string | null;
  readonly scopes: string;
  /** NULL when profile-service's events about the account have not arrived. */
  readonly org_id: string | null;
  readonly account_type: string | null;
  readonly account_status: 'enabled' | 'disabled' | null;
}

/** One credential as listed: never its hash. */
export interface KeyListRow {
  readonly credential_id: string;
  readonly client_id: string;
  readonly name: string | null;
  readonly status: 'active' | 'revoked';
  readonly expires_at: string | null;
  readonly scopes: string;
  readonly created_at: string;
  readonly regenerated_at: string | null;
  readonly revoked_at: string | null;
  readonly last_used_at: string | null;
}

/** Queries on the key-status read model (views, so they keep working across a rebuild swap). */
@Injectable()
export class KeyStatusQueries implements OnApplicationShutdown {
  private watch?: SqliteChangeWatch | null;
  private readonly remembered = new Map<string, KeyCheckRow>();

  constructor(private readonly readModels: ReadModels) {}

  /**
   * The token path's read, answered from memory while nobody has committed to the read-model file
   * since (SqliteChangeWatch: the projecting worker's batches, a rebuild's swap, any worker's
   * last-used flush all commit), so a revoke or a disabled account is seen by the next request on
   * every worker, as when each request read the file.
   */
  forTokenRequest(clientId: string): KeyCheckRow | undefined {
    if (this.watch === undefined)
      this.watch = SqliteChangeWatch.open(this.readModels.database.db) ?? null;
    if (!this.watch) return this.readKey(clientId);
    // Look before reading, so that what is remembered is never older than what was seen.
    if (this.watch.changed() || this.remembered.size >= MAX_REMEMBERED_KEYS)
      this.remembered.clear();
    let key = this.remembered.get(clientId);
    if (!key) {
      key = this.readKey(clientId);
      if (key) this.remembered.set(clientId, Object.freeze(key));
    }
    return key;
  }

  onApplicationShutdown(): void {
    this.watch?.close();
    this.remembered.clear();
  }

  private readKey(clientId: string): KeyCheckRow | undefined {
    return this.readModels.database.get<KeyCheckRow>(
      `SELECT k.credential_id, k.account_id, k.secret_hash, k.status, k.expires_at, k.scopes,
              a.org_id, a.account_type, a.status AS account_status
         FROM api_credential_keys k LEFT JOIN accounts a ON a.account_id = k.account_id
        WHERE k.client_id = ?`,
      clientId,
    );
  }

  ownerOf(credentialId: string): string | undefined {
    return this.readModels.database.get<{ account_id: string }>(
      'SELECT account_id FROM api_credential_keys WHERE credential_id = ?',
      credentialId,
    )?.account_id;
  }

  listForAccount(accountId: string): KeyListRow[] {
    return this.readModels.database.all<KeyListRow>(
      `SELECT k.credential_id, k.client_id, k.name, k.status, k.expires_at, k.scopes, k.created_at, k.regenerated_at, k.revoked_at,
              u.last_used_at
         FROM api_credential_keys k LEFT JOIN credential_last_used u ON u.credential_id = k.credential_id
        WHERE k.account_id = ? ORDER BY k.created_at, k.credential_id`,
      accountId,
    );
  }
}
