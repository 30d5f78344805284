import type { AuditSealedData, AuditSealedDataV1 } from '@accounts/contracts';
import type { EventStore, RawRecordedEvent, RecordedEvent } from '@accounts/event-store';
import { chainDigest, GENESIS_HASH, rawEventText } from './hash-chain';
import { readAllRawPages } from './read-all-pages';
import { FINGERPRINT_BYTES, SEAL_STREAM } from './seals';

export type MismatchKind = 'altered' | 'deleted' | 'inserted' | 'range';

export interface StoreMismatch {
  /** The first position where the store no longer matches (for `range`, the last of the range). */
  readonly position: number;
  readonly kind: MismatchKind;
  /** Every event up to this position matches; `range` (v1 seals): the difference is in (afterPosition, upToPosition]. */
  readonly afterPosition: number;
  readonly upToPosition: number;
  /** The seal the store no longer matches. */
  readonly sealPosition: number;
}

export interface StoreVerification {
  readonly ok: boolean;
  readonly message: string;
  readonly seals: number;
  readonly verifiedUpTo: number;
  readonly mismatch?: StoreMismatch;
  /** Events after the last seal: not covered yet. */
  readonly unsealed: number;
}

/** What one seal expects, position by position (v2) or every 100 events (v1 seals). */
interface Segment {
  readonly sealPosition: number;
  readonly fromPosition: number;
  readonly toPosition: number;
  readonly count: number;
  readonly hash: string;
  /** v2: the sealed positions in order and the fingerprint after each. */
  readonly positions?: number[];
  readonly fingerprints?: Buffer;
  /** v1: the running hash at some positions. */
  readonly marks?: AuditSealedDataV1['marks'];
}

function segmentOf(seal: RecordedEvent): Segment {
  const common = { sealPosition: seal.position };
  if (seal.schemaVersion === 1) {
    const data = seal.data as AuditSealedDataV1;
    return { ...common, ...data, marks: data.marks };
  }
  const data = seal.data as AuditSealedData;
  const positions: number[] = [];
  for (const [first, last] of data.positions)
    for (let p = first; p <= last; p += 1) positions.push(p);
  return {
    ...common,
    ...data,
    positions,
    fingerprints: Buffer.from(data.fingerprints, 'base64'),
  };
}

const WORDS: Record<Exclude<MismatchKind, 'range'>, string> = {
  altered: 'no longer holds the event sealed there (edited, replaced or moved)',
  deleted: 'was deleted (the seal lists it; the store has no event there)',
  inserted: 'was inserted (the store has an event there that no seal lists)',
};

/** Walks the store's events against the seals, one event at a time; the first difference ends the walk. */
class SealWalk {
  private hash = GENESIS_HASH;
  private count = 0;
  private index = 0;
  /** Next expected entry of the current segment (v2) or next mark (v1). */
  private next = 0;
  private lastGood = 0;
  unsealed = 0;
  failure?: StoreMismatch;

  constructor(private readonly segments: readonly Segment[]) {}

  private get segment(): Segment | undefined {
    return this.segments[this.index];
  }

  private fail(kind: MismatchKind, position: number, upToPosition = position): false {
    this.failure = {
      kind,
      position,
      afterPosition: this.lastGood,
      upToPosition,
      sealPosition: this.segment!.sealPosition,
    };
    return false;
  }

  /** Ends the current segment: nothing it lists may be left, and its final hash must be ours. */
  private close(): boolean {
    const segment = this.segment!;
    if (segment.positions && this.next < segment.positions.length)
      return this.fail('deleted', segment.positions[this.next]);
    if (segment.marks && !this.marksUpTo(Number.MAX_SAFE_INTEGER)) return false;
    if (this.hash !== segment.hash || this.count !== segment.count)
      return this.fail('range', segment.toPosition);
    this.index += 1;
    this.next = 0;
    return true;
  }

  /** v1: every mark before `position` must hold the running hash we have. */
  private marksUpTo(position: number): boolean {
    const marks = this.segment!.marks!;
    while (this.next < marks.length && marks[this.next].position < position) {
      const mark = marks[this.next];
      if (mark.hash !== this.hash || mark.count !== this.count)
        return this.fail('range', mark.position);
      this.lastGood = mark.position;
      this.next += 1;
    }
    return true;
  }

  /** Takes the next store event; false once the store no longer matches. */
  take(event: RawRecordedEvent): boolean {
    while (this.segment && event.position > this.segment.toPosition)
      if (!this.close()) return false;
    const segment = this.segment;
    if (segment?.marks && !this.marksUpTo(event.position)) return false;
    const digest = chainDigest(this.hash, rawEventText(event));
    this.hash = digest.toString('hex');
    this.count += 1;
    if (!segment) {
      this.unsealed += 1;
      return true;
    }
    if (segment.marks) return true;
    const expected = segment.positions![this.next];
    if (expected === undefined || event.position < expected)
      return this.fail('inserted', event.position);
    if (event.position > expected) return this.fail('deleted', expected);
    const at = this.next * FINGERPRINT_BYTES;
    if (
      digest.compare(segment.fingerprints!, at, at + FINGERPRINT_BYTES, 0, FINGERPRINT_BYTES) !== 0
    )
      return this.fail('altered', event.position);
    this.next += 1;
    this.lastGood = event.position;
    return true;
  }

  /** After the last event of the store: whatever the seals still list was deleted. */
  finish(): boolean {
    while (this.segment) if (!this.close()) return false;
    return true;
  }

  get counted(): number {
    return this.count;
  }
}

function describe(mismatch: StoreMismatch): string {
  const seal = `the store no longer matches the seal at position ${mismatch.sealPosition}`;
  if (mismatch.kind === 'range')
    return (
      `ALTERED: ${seal}: the first difference is at a position from ${mismatch.afterPosition + 1} to ` +
      `${mismatch.upToPosition} (events up to ${mismatch.afterPosition} match; a seal written before v2 keeps no more detail)`
    );
  return `ALTERED: ${seal}: position ${mismatch.position} ${WORDS[mismatch.kind]}; events before it match`;
}

/**
 * Recomputes the running hash from position 0 and compares it with every seal, event by event: the
 * first position of a history rewritten inside the database (a row edited, deleted, inserted or two
 * rows swapped) is named exactly.
 */
export async function verifyStore(
  store: EventStore,
  onProgress?: (position: number, head: number) => void,
): Promise<StoreVerification> {
  const seals = await store.readStream(SEAL_STREAM);
  const segments = seals.map(segmentOf);
  const head = await store.headPosition();
  const walk = new SealWalk(segments);
  let ok = true;
  pages: for await (const page of readAllRawPages(store, { upTo: head })) {
    for (const event of page) {
      if (event.streamId === SEAL_STREAM) continue;
      if (!walk.take(event)) {
        ok = false;
        break pages;
      }
    }
    onProgress?.(page[page.length - 1].position, head);
  }
  if (ok) ok = walk.finish();
  if (!ok) {
    const mismatch = walk.failure!;
    return {
      ok: false,
      seals: seals.length,
      verifiedUpTo: mismatch.afterPosition,
      unsealed: 0,
      mismatch,
      message: describe(mismatch),
    };
  }
  const last = segments[segments.length - 1];
  const sealedUpTo = last?.toPosition ?? 0;
  return {
    ok: true,
    seals: seals.length,
    verifiedUpTo: sealedUpTo,
    unsealed: walk.unsealed,
    message:
      seals.length === 0
        ? `NO SEALS: nothing to compare with (${walk.counted} events); run "audit seal" first`
        : `OK: ${last.count} events up to position ${sealedUpTo} match ${seals.length} seal(s)` +
          (walk.unsealed ? `; ${walk.unsealed} newer events are not sealed yet` : ''),
  };
}
