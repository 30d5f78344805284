import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor } from './directory-cursor';
import { ReadModels } from './read-models';

/** A row of the directory as queries read it (the `directory_accounts` view). */
export interface DirectoryRow {
  readonly account_id: string;
  readonly org_id: string;
  readonly user_name: string;
  readonly user_name_lower: string;
  readonly first_name: string;
  readonly last_name: string;
  readonly email: string;
  readonly account_type: string;
  readonly enabled: number;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface DirectoryPageRequest {
  /** User-name prefix, any case. */
  readonly search?: string;
  readonly limit: number;
  readonly cursor?: string;
}

export interface DirectoryPage {
  readonly rows: readonly DirectoryRow[];
  readonly nextCursor: string | null;
}

// User names are letters and digits: every lower-case name starting with p sorts before p + '{'.
const AFTER_ALPHANUMERICS = '{';

/** Keyset pagination in user-name order: a page costs the same wherever it is, and rows never repeat. */
@Injectable()
export class AccountDirectoryQueries {
  constructor(private readonly readModels: ReadModels) {}

  page(orgId: string, request: DirectoryPageRequest): DirectoryPage {
    const prefix = (request.search ?? '').toLowerCase();
    const cursor = request.cursor ? decodeCursor(request.cursor) : { after: '', id: '' };
    const take = request.limit + 1;
    if (!Number.isSafeInteger(take)) throw new RangeError(`limit must be an integer`);
    // The limit is in the text, not bound: SQLite plans `LIMIT ?` for its value, so a bound limit
    // re-prepares the statement on every page (statements are cached by text, one per page size).
    const rows = this.readModels.database.all<DirectoryRow>(
      `SELECT * FROM directory_accounts
        WHERE org_id = ?
          AND user_name_lower >= ? AND user_name_lower < ?
          AND (user_name_lower > ? OR (user_name_lower = ? AND account_id > ?))
        ORDER BY user_name_lower, account_id
        LIMIT ${take}`,
      orgId,
      prefix,
      prefix + AFTER_ALPHANUMERICS,
      cursor.after,
      cursor.after,
      cursor.id,
    );
    const page = rows.slice(0, request.limit);
    const last = page[page.length - 1];
    return {
      rows: page,
      nextCursor:
        rows.length > request.limit
          ? encodeCursor({ after: last.user_name_lower, id: last.account_id })
          : null,
    };
  }

  /** Every row, in a stable order (tests compare a rebuilt directory with the live one). */
  all(): DirectoryRow[] {
    return this.readModels.database.all<DirectoryRow>(
      'SELECT * FROM directory_accounts ORDER BY account_id',
    );
  }
}
