/**
 * Metadata keys as EventStoreDB's own projections and UI understand them: `$correlationId` and
 * `$causationId` (linkTo/emit and the correlation-id system projection read exactly these).
 */
export const ESDB_CORRELATION_ID = '$correlationId';
export const ESDB_CAUSATION_ID = '$causationId';
/** Envelope fields EventStoreDB has no slot for travel in the metadata under these keys. */
export const SCHEMA_VERSION_KEY = 'schemaVersion';
export const OCCURRED_AT_KEY = 'occurredAt';

/** Envelope fields that are not part of our metadata but must survive the round trip. */
export interface EnvelopeExtras {
  readonly schemaVersion: number;
  /** Only when the writer chose the time; otherwise the server's `created` stamp is the truth. */
  readonly occurredAt?: string;
}

/** Our metadata → the JSON written to EventStoreDB. Every other key is kept as is. */
export function toEventStoreDbMetadata(
  metadata: Record<string, unknown>,
  extras: EnvelopeExtras,
): Record<string, unknown> {
  const { correlationId, causationId, ...rest } = metadata;
  const written: Record<string, unknown> = { ...rest };
  if (correlationId !== undefined) written[ESDB_CORRELATION_ID] = correlationId;
  if (causationId !== undefined) written[ESDB_CAUSATION_ID] = causationId;
  written[SCHEMA_VERSION_KEY] = extras.schemaVersion;
  if (extras.occurredAt !== undefined) written[OCCURRED_AT_KEY] = extras.occurredAt;
  return written;
}

export interface MetadataAsRead {
  readonly metadata: Record<string, unknown>;
  readonly schemaVersion: number;
  readonly occurredAt?: string;
}

/**
 * The metadata JSON read from EventStoreDB → ours. Tolerant: events written by other tools may have
 * no metadata, binary metadata or no schema version (then 1).
 */
export function fromEventStoreDbMetadata(raw: unknown): MetadataAsRead {
  if (!isRecord(raw)) return { metadata: {}, schemaVersion: 1 };
  const {
    [ESDB_CORRELATION_ID]: correlationId,
    [ESDB_CAUSATION_ID]: causationId,
    [SCHEMA_VERSION_KEY]: schemaVersion,
    [OCCURRED_AT_KEY]: occurredAt,
    ...rest
  } = raw;
  const metadata: Record<string, unknown> = { ...rest };
  if (correlationId !== undefined) metadata['correlationId'] = correlationId;
  if (causationId !== undefined) metadata['causationId'] = causationId;
  return {
    metadata,
    schemaVersion:
      typeof schemaVersion === 'number' && Number.isSafeInteger(schemaVersion) && schemaVersion >= 1
        ? schemaVersion
        : 1,
    occurredAt: typeof occurredAt === 'string' ? occurredAt : undefined,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Uint8Array)
  );
}
