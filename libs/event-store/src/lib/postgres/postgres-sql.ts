import { createHash } from 'node:crypto';
import type { EventFilter } from '../types';
import { quoteIdentifier } from './postgres-migrations';

/** Columns read for an event, in this order (rows are read in array mode). */
const EVENT_COLUMNS =
  'position, stream_id, revision, event_id, type, schema_version, occurred_at, data, metadata';

/** The statements of one store, with its schema name and lock key baked in. */
export class PostgresSql {
  readonly table: string;
  /** LISTEN/NOTIFY channel: one per schema, so two stores on one database do not wake each other. */
  readonly channel: string;
  readonly beginAndLock: string;
  readonly revisionsAndHead: string;
  readonly insertMany: string;
  readonly head: string;
  readonly forwards: string;
  readonly backwards: string;

  constructor(readonly schema: string) {
    this.table = `${quoteIdentifier(schema)}.events`;
    this.channel = `es_${digest(schema).slice(0, 16)}`;
    // A 64-bit key derived from the schema: every writer of this store, in any process, takes it.
    const lockKey = BigInt.asIntN(
      64,
      BigInt(`0x${digest(`append:${schema}`).slice(0, 16)}`),
    ).toString();
    this.beginAndLock = `BEGIN; SELECT pg_advisory_xact_lock(${lockKey})`;
    // Current revision of each stream of the batch, plus one row (stream_id NULL) with the head.
    this.revisionsAndHead = `SELECT stream_id, max(revision)::text FROM ${this.table} WHERE stream_id = ANY($1::text[]) GROUP BY stream_id
      UNION ALL SELECT NULL, (SELECT max(position) FROM ${this.table})::text`;
    this.insertMany = `INSERT INTO ${this.table} (position, stream_id, revision, event_id, type, schema_version, occurred_at, data, metadata)
      SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::uuid[], $5::text[], $6::int[], $7::text[], $8::jsonb[], $9::jsonb[])`;
    this.head = `SELECT coalesce(max(position), 0)::text FROM ${this.table}`;
    this.forwards = `SELECT ${EVENT_COLUMNS} FROM ${this.table} WHERE stream_id = $1 AND revision >= $2 ORDER BY revision ASC LIMIT $3`;
    this.backwards = `SELECT ${EVENT_COLUMNS} FROM ${this.table} WHERE stream_id = $1 AND revision <= $2 ORDER BY revision DESC LIMIT $3`;
  }

  /** `position` is a number we computed, never client text. */
  notifyAndCommit(position: number): string {
    return `SELECT pg_notify('${this.channel}', '${Math.trunc(position)}'); COMMIT`;
  }

  /** Events with from < position <= upTo matching the filter, in position order; the filter is done in SQL. */
  readAll(
    fromPosition: number,
    upTo: number,
    maxCount: number,
    filter: EventFilter = {},
  ): { text: string; values: unknown[] } {
    const values: unknown[] = [fromPosition, upTo];
    const where = ['position > $1', 'position <= $2'];
    if (filter.streamPrefixes) {
      values.push(
        filter.streamPrefixes.map((p) => `${p.replace(/[\\%_]/g, '\\$&')}%`),
      );
      where.push(`stream_id LIKE ANY($${values.length}::text[])`);
    }
    if (filter.eventTypes) {
      values.push(filter.eventTypes);
      where.push(`type = ANY($${values.length}::text[])`);
    }
    values.push(maxCount);
    return {
      text: `SELECT ${EVENT_COLUMNS} FROM ${this.table} WHERE ${where.join(' AND ')} ORDER BY position LIMIT $${values.length}`,
      values,
    };
  }
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
