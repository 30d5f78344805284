/** The one stream the audit service writes to: its seals. */
export const AuditSealStream = 'audit-seals';

/** An audit event as the audit service appends it: the `data` of an EventEnvelope with its `type`. */
export interface AuditEventOf<Type extends string, Data> {
  readonly type: Type;
  readonly data: Data;
}

/** v1 seals: the running hash every 100 events (kept to read seals written before v2). */
export interface AuditSealMark {
  readonly position: number;
  readonly count: number;
  readonly hash: string;
}

export interface AuditSealedDataV1 {
  readonly fromPosition: number;
  readonly toPosition: number;
  readonly count: number;
  readonly previousHash: string;
  readonly hash: string;
  readonly marks: readonly AuditSealMark[];
}

/**
 * `AuditSealed` v2: the running SHA-256 chain of every event (seals excepted) from `fromPosition`
 * (exclusive) to `toPosition`, with enough per event to name the exact first position where the store
 * stops matching: which positions were sealed, and the first 8 bytes of the running hash after each.
 */
export interface AuditSealedData {
  readonly fromPosition: number;
  readonly toPosition: number;
  /** Events covered since position 0. */
  readonly count: number;
  readonly previousHash: string;
  /** Running hash (hex) after the last event of this seal. */
  readonly hash: string;
  /** The sealed positions as inclusive runs `[first, last]` (seals and gaps in the store are not in them). */
  readonly positions: readonly (readonly [number, number])[];
  /** Base64 of the first 8 bytes of the running hash after each sealed event, in position order. */
  readonly fingerprints: string;
}

export type AuditSealed = AuditEventOf<'AuditSealed', AuditSealedData>;

/** Every event of the audit service's own stream. */
export type AuditEvent = AuditSealed;
export type AuditEventType = AuditEvent['type'];

export const AuditEventTypes = {
  AuditSealed: 'AuditSealed',
} as const satisfies { [T in AuditEventType]: T };

/** Current schemaVersion written in the envelope of each type. v1 seals had marks instead of fingerprints. */
export const AuditEventSchemaVersions: {
  readonly [T in AuditEventType]: number;
} = {
  AuditSealed: 2,
};
