import type { EventFilter, RawRecordedEvent, RecordedEvent } from '@accounts/event-store';
import type { ProjectionTx } from './projection-tx';

/**
 * How a read model skips events it has already seen:
 * - `position`: events at or below the checkpoint are skipped (store-fed: positions only grow);
 * - `eventId`: processed event ids are recorded in the same transaction (Kafka-fed: positions of
 *   different producers interleave, and delivery is at-least-once).
 */
export type Idempotency = 'position' | 'eventId';

/** What is known of an event before its payload is parsed. */
export type EventHeader = Omit<RawRecordedEvent, 'dataJson' | 'metadataJson'>;

/**
 * A named, versioned read model (ZITADEL style). Bump `version` whenever `schema` or `apply` change
 * meaning: the runner then rebuilds a fresh copy from position zero and swaps it in.
 *
 * Queries read the logical table names (`tables`), which are views over the live copy.
 */
export interface Projection<Table extends string = string> {
  /** Lower-case words joined by single underscores, e.g. `trusted_devices`. */
  readonly name: string;
  readonly version: number;
  /** Logical table names; each becomes a view that queries read. Same naming rule as `name`. */
  readonly tables: readonly Table[];
  /** DDL creating the physical tables (and their indexes) of one copy. */
  schema(table: Readonly<Record<Table, string>>): string;
  /** Which events reach `apply`: other services' stream prefixes are allowed (the embedded bus). */
  readonly filter: EventFilter;
  readonly idempotency?: Idempotency;
  /**
   * Optional: false for an event that cannot change this read model, told from its header alone.
   * A worker far behind the store (a rebuild, a restart) then skips it without parsing its payload,
   * its checkpoint still moving past it. Only ever false for events `apply` ignores; events it lets
   * through still reach `apply`, which keeps deciding.
   */
  accepts?(event: EventHeader): boolean;
  /** Synchronous SQL only; runs inside the transaction that also advances the checkpoint. */
  apply(event: RecordedEvent, tx: ProjectionTx<Table>): void;
}

/** Identity function that keeps the table names typed in `schema` and `apply`. */
export function defineProjection<Table extends string>(
  projection: Projection<Table>,
): Projection<Table> {
  return projection;
}
