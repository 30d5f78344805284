import { createHash } from 'node:crypto';
import { escapeLiteral } from 'pg';
import type { EventFilter } from '../types';
import { bellsOfCommit, bellsOfFilter } from '../commit-bells';
import { quoteIdentifier } from './postgres-migrations';

/** Columns read for an event, in this order (rows are read in array mode). */
const EVENT_COLUMNS =
  'position, stream_id, revision, event_id, type, schema_version, occurred_at, data, metadata';
/** The same with data and metadata as their stored text (`json` keeps the text as written). */
const RAW_EVENT_COLUMNS =
  'position, stream_id, revision, event_id, type, schema_version, occurred_at, data::text, metadata::text';

/** One event row as the writer numbered it; data and metadata are JSON text. */
export interface EventRowToInsert {
  readonly position: number;
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly occurredAt: string;
  readonly data: string;
  readonly metadata: string;
}

/** The statements of one store, with its schema name and lock key baked in. */
export class PostgresSql {
  readonly table: string;
  /** LISTEN/NOTIFY channel: one per schema, so two stores on one database do not wake each other. */
  readonly channel: string;
  private readonly lockKey: string;
  /** Many rows as nine array parameters (faster to parse than literals for big appends). */
  readonly insertMany: string;
  readonly head: string;
  readonly forwards: string;
  readonly backwards: string;

  constructor(readonly schema: string) {
    this.table = `${quoteIdentifier(schema)}.events`;
    this.channel = `es_${digest(schema).slice(0, 16)}`;
    // A 64-bit key derived from the schema: every writer of this store, in any process, takes it.
    this.lockKey = BigInt.asIntN(
      64,
      BigInt(`0x${digest(`append:${schema}`).slice(0, 16)}`),
    ).toString();
    this.insertMany = `INSERT INTO ${this.table} (position, stream_id, revision, event_id, type, schema_version, occurred_at, data, metadata)
      SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::uuid[], $5::text[], $6::int[], $7::text[], $8::json[], $9::json[])`;
    this.head = `SELECT coalesce(max(position), 0)::text FROM ${this.table}`;
    this.forwards = `SELECT ${EVENT_COLUMNS} FROM ${this.table} WHERE stream_id = $1 AND revision >= $2 ORDER BY revision ASC LIMIT $3`;
    this.backwards = `SELECT ${EVENT_COLUMNS} FROM ${this.table} WHERE stream_id = $1 AND revision <= $2 ORDER BY revision DESC LIMIT $3`;
  }

  /**
   * First round trip of an append transaction: begin, take the append lock, then the current
   * revision of each stream of the batch plus one row (stream_id NULL) with the head. Sent as one
   * simple query, so the values are literals: escaped by the driver (stream ids are also validated).
   */
  beginLockAndRead(streamIds: readonly string[]): string {
    const list = streamIds.map((id) => escapeLiteral(id)).join(', ');
    return `BEGIN; SELECT pg_advisory_xact_lock(${this.lockKey});
      SELECT stream_id, max(revision)::text AS value FROM ${this.table} WHERE stream_id IN (${list}) GROUP BY stream_id
      UNION ALL SELECT NULL, (SELECT max(position) FROM ${this.table})::text`;
  }

  /**
   * The channels a commit notifies: the store's own (subscriptions without a filter, and listeners
   * of the version before these channels), and one per event type and stream category of its rows,
   * the SQLite store's commit bells (sqlite-commit-bell.ts) as channels. Hex digests: always a valid,
   * lower-case identifier of 37 characters.
   */
  notifyChannels(
    rows: ReadonlyArray<{ readonly streamId: string; readonly type: string }>,
  ): string[] {
    const bells = bellsOfCommit(rows.map((r) => ({ streamId: r.streamId, events: [r] })));
    return [this.channel, ...[...bells].map((bell) => this.bellChannel(bell))];
  }

  /**
   * The channels a subscription LISTENs on: those of its filter's bells (its types', else its
   * prefixes' categories), or the store's own for a filter that may want anything.
   */
  listenChannels(filter: EventFilter | undefined): string[] {
    const bells = bellsOfFilter(filter);
    return bells === 'all' ? [this.channel] : bells.map((bell) => this.bellChannel(bell));
  }

  private bellChannel(bell: string): string {
    return `${this.channel}_${digest(bell).slice(0, 20)}`;
  }

  /**
   * Second and last round trip: the rows, the NOTIFY (delivered at commit, so listeners wake only
   * for visible events) and the commit. Numbers are ours; every text goes through escapeLiteral.
   */
  insertNotifyAndCommit(
    rows: readonly EventRowToInsert[],
    channels: readonly string[] = this.notifyChannels(rows),
  ): string {
    const values = rows
      .map(
        (r) =>
          `(${r.position}, ${escapeLiteral(r.streamId)}, ${r.revision}, ${escapeLiteral(r.eventId)}, ${escapeLiteral(r.type)}, ${r.schemaVersion}, ${escapeLiteral(r.occurredAt)}, ${escapeLiteral(r.data)}, ${escapeLiteral(r.metadata)})`,
      )
      .join(',\n');
    const head = rows[rows.length - 1].position;
    return `INSERT INTO ${this.table} (position, stream_id, revision, event_id, type, schema_version, occurred_at, data, metadata) VALUES ${values};
      ${this.notify(channels, head)}; COMMIT`;
  }

  /** The NOTIFYs and the commit after an insertMany; `position` is a number we computed. */
  notifyAndCommit(
    rows: readonly EventRowToInsert[],
    position: number,
    channels: readonly string[] = this.notifyChannels(rows),
  ): string {
    return `${this.notify(channels, position)}; COMMIT`;
  }

  /** Channels are our hex digests and the payload a number: nothing to escape. */
  private notify(channels: readonly string[], position: number): string {
    const payload = Math.trunc(position);
    return `SELECT ${channels
      .map((channel) => `pg_notify('${channel}', '${payload}')`)
      .join(', ')}`;
  }

  insertManyValues(rows: readonly EventRowToInsert[]): unknown[] {
    const column = <K extends keyof EventRowToInsert>(key: K) => rows.map((r) => r[key]);
    return [
      column('position'),
      column('streamId'),
      column('revision'),
      column('eventId'),
      column('type'),
      column('schemaVersion'),
      column('occurredAt'),
      column('data'),
      column('metadata'),
    ];
  }

  /** Events with from < position <= upTo matching the filter, in position order; the filter is done in SQL. */
  readAll(
    fromPosition: number,
    upTo: number,
    maxCount: number,
    filter: EventFilter = {},
    raw = false,
  ): { text: string; values: unknown[] } {
    const values: unknown[] = [fromPosition, upTo];
    const where = ['position > $1', 'position <= $2'];
    if (filter.streamPrefixes) {
      values.push(filter.streamPrefixes.map((p) => `${p.replace(/[\\%_]/g, '\\$&')}%`));
      where.push(`stream_id LIKE ANY($${values.length}::text[])`);
    }
    if (filter.eventTypes) {
      values.push(filter.eventTypes);
      where.push(`type = ANY($${values.length}::text[])`);
    }
    values.push(maxCount);
    return {
      text: `SELECT ${raw ? RAW_EVENT_COLUMNS : EVENT_COLUMNS} FROM ${this.table} WHERE ${where.join(' AND ')} ORDER BY position LIMIT $${values.length}`,
      values,
    };
  }
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
