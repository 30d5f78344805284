import {
  AuditEventSchemaVersions,
  AuditSealStream,
  type AuditSealedData,
} from '@accounts/contracts';
import type { EventStore, RecordedEvent } from '@accounts/event-store';
import { randomUUID } from 'node:crypto';
import { chainDigest, GENESIS_HASH, rawEventText } from './hash-chain';
import { readAllRawPages } from './read-all-pages';

/** The one stream the audit service writes to. */
export const SEAL_STREAM = AuditSealStream;
/** Events per seal at most: a seal of 10,000 events is about 120 kB, well under Kafka's 1 MB message limit. */
export const SEAL_MAX_EVENTS = 10_000;
/** Bytes of the running hash kept per event: enough to name the first differing position (2^-64 of a false match). */
export const FINGERPRINT_BYTES = 8;

export interface SealResult {
  readonly sealed: boolean;
  /** The last seal appended. */
  readonly data?: AuditSealedData;
  readonly position?: number;
  /** How many seals were appended (a long stretch of new events takes several). */
  readonly seals?: number;
}

/** One seal being filled: positions as runs, fingerprints as bytes. */
class SealDraft {
  readonly runs: [number, number][] = [];
  private readonly prints: Buffer[] = [];
  size = 0;

  constructor(
    readonly fromPosition: number,
    readonly previousHash: string,
  ) {}

  add(position: number, digest: Buffer): void {
    const run = this.runs[this.runs.length - 1];
    if (run && run[1] === position - 1) run[1] = position;
    else this.runs.push([position, position]);
    this.prints.push(digest.subarray(0, FINGERPRINT_BYTES));
    this.size += 1;
  }

  data(hash: string, count: number): AuditSealedData {
    return {
      fromPosition: this.fromPosition,
      toPosition: this.runs[this.runs.length - 1][1],
      count,
      previousHash: this.previousHash,
      hash,
      positions: this.runs,
      fingerprints: Buffer.concat(this.prints).toString('base64'),
    };
  }
}

const lastSeal = async (store: EventStore): Promise<RecordedEvent | undefined> =>
  (await store.readStream(SEAL_STREAM, { direction: 'backwards', maxCount: 1 }))[0];

/**
 * Appends AuditSealed events covering every event since the previous seal (nothing when there is
 * nothing new), SEAL_MAX_EVENTS at most per seal. The expected revision makes two sealers racing
 * produce one chain of seals, not two that fork.
 */
export async function sealStore(
  store: EventStore,
  options: { readonly upTo?: number; readonly maxEvents?: number } = {},
): Promise<SealResult> {
  const maxEvents = options.maxEvents ?? SEAL_MAX_EVENTS;
  const previous = await lastSeal(store);
  const before = previous?.data as AuditSealedData | undefined;
  let revision: number | 'no_stream' = previous ? previous.revision : 'no_stream';
  let hash = before?.hash ?? GENESIS_HASH;
  let count = before?.count ?? 0;
  const head = options.upTo ?? (await store.headPosition());
  let draft = new SealDraft(before?.toPosition ?? 0, hash);
  let appended: SealResult = { sealed: false };
  let seals = 0;
  const flush = async (): Promise<void> => {
    const data = draft.data(hash, count);
    const correlationId = randomUUID();
    const result = await store.append(
      SEAL_STREAM,
      [
        {
          type: 'AuditSealed',
          schemaVersion: AuditEventSchemaVersions.AuditSealed,
          data,
          metadata: {
            correlationId,
            causationId: correlationId,
            actor: { kind: 'system' },
          },
        },
      ],
      revision,
    );
    revision = result.nextRevision;
    seals += 1;
    appended = { sealed: true, data, position: result.position, seals };
    draft = new SealDraft(data.toPosition, hash);
  };
  // The raw read: the hash covers the envelope's JSON spliced from the stored text (see rawEventText).
  for await (const page of readAllRawPages(store, {
    fromPosition: draft.fromPosition,
    upTo: head,
  })) {
    for (const event of page) {
      if (event.streamId === SEAL_STREAM) continue;
      const digest = chainDigest(hash, rawEventText(event));
      hash = digest.toString('hex');
      count += 1;
      draft.add(event.position, digest);
      if (draft.size === maxEvents) await flush();
    }
  }
  if (draft.size > 0) await flush();
  return appended;
}
