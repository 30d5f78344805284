import type { EventStore, RecordedEvent } from '@accounts/event-store';
import { randomUUID } from 'node:crypto';
import { chainHash, eventText, GENESIS_HASH } from './hash-chain';
import { readAllPages } from './read-all-pages';

/** The one stream the audit service writes to. */
export const SEAL_STREAM = 'audit-seals';
/** A seal keeps the running hash every this many events, so a mismatch is narrowed to a small range. */
export const SEAL_MARK_EVERY = 100;

export interface SealMark {
  readonly position: number;
  readonly count: number;
  readonly hash: string;
}

/** `AuditSealed`: the running hash of every event (seals excepted) up to `toPosition`. */
export interface AuditSealedData {
  readonly fromPosition: number;
  readonly toPosition: number;
  /** Events covered since position 0. */
  readonly count: number;
  readonly previousHash: string;
  readonly hash: string;
  /** Running hash at every SEAL_MARK_EVERY-th event of this seal, and at its last. */
  readonly marks: readonly SealMark[];
}

export interface SealResult {
  readonly sealed: boolean;
  readonly data?: AuditSealedData;
  readonly position?: number;
}

interface Running {
  hash: string;
  count: number;
}

const lastSeal = async (store: EventStore): Promise<RecordedEvent | undefined> =>
  (await store.readStream(SEAL_STREAM, { direction: 'backwards', maxCount: 1 }))[0];

/**
 * Appends an AuditSealed event covering every event since the previous seal (nothing when there is
 * nothing new). The expected revision makes two sealers racing produce one seal, not two that fork.
 */
export async function sealStore(store: EventStore, upTo?: number): Promise<SealResult> {
  const previous = await lastSeal(store);
  const before = previous?.data as AuditSealedData | undefined;
  const running: Running = { hash: before?.hash ?? GENESIS_HASH, count: before?.count ?? 0 };
  const fromPosition = before?.toPosition ?? 0;
  const head = upTo ?? (await store.headPosition());
  const marks: SealMark[] = [];
  let last = fromPosition;
  for await (const page of readAllPages(store, { fromPosition, upTo: head })) {
    for (const event of page) {
      if (event.streamId === SEAL_STREAM) continue;
      running.hash = chainHash(running.hash, eventText(event));
      running.count += 1;
      last = event.position;
      if (running.count % SEAL_MARK_EVERY === 0) marks.push({ position: last, count: running.count, hash: running.hash });
    }
  }
  if (last === fromPosition) return { sealed: false };
  if (marks[marks.length - 1]?.position !== last) marks.push({ position: last, count: running.count, hash: running.hash });
  const data: AuditSealedData = {
    fromPosition,
    toPosition: last,
    count: running.count,
    previousHash: before?.hash ?? GENESIS_HASH,
    hash: running.hash,
    marks,
  };
  const correlationId = randomUUID();
  const result = await store.append(
    SEAL_STREAM,
    [{ type: 'AuditSealed', data, metadata: { correlationId, causationId: correlationId, actor: { kind: 'system' } } }],
    previous ? previous.revision : 'no_stream',
  );
  return { sealed: true, data, position: result.position };
}

export interface StoreVerification {
  readonly ok: boolean;
  readonly message: string;
  readonly seals: number;
  readonly verifiedUpTo: number;
  /** First range (exclusive start, inclusive end) where the store no longer matches a seal. */
  readonly mismatch?: { readonly afterPosition: number; readonly upToPosition: number; readonly sealPosition: number };
  /** Events after the last seal: not covered yet. */
  readonly unsealed: number;
}

/**
 * Recomputes the running hash from position 0 and compares it with every mark of every seal: a
 * history rewritten inside the database (a row edited, deleted or inserted) no longer matches.
 */
export async function verifyStore(store: EventStore, onProgress?: (position: number, head: number) => void): Promise<StoreVerification> {
  const seals = await store.readStream(SEAL_STREAM);
  const marks = seals.flatMap((seal) => (seal.data as AuditSealedData).marks.map((mark) => ({ ...mark, seal: seal.position })));
  const head = await store.headPosition();
  const running: Running = { hash: GENESIS_HASH, count: 0 };
  let next = 0;
  let previousMark = 0;
  let unsealed = 0;
  const check = (): StoreVerification | undefined => {
    const mark = marks[next];
    if (running.hash === mark.hash && running.count === mark.count) {
      previousMark = mark.position;
      next += 1;
      return undefined;
    }
    return {
      ok: false,
      seals: seals.length,
      verifiedUpTo: previousMark,
      unsealed: 0,
      mismatch: { afterPosition: previousMark, upToPosition: mark.position, sealPosition: mark.seal },
      message:
        `ALTERED: the store no longer matches the seal at position ${mark.seal}: the first difference is at a position ` +
        `from ${previousMark + 1} to ${mark.position} (events up to ${previousMark} match)`,
    };
  };
  for await (const page of readAllPages(store, { upTo: head })) {
    for (const event of page) {
      if (event.streamId === SEAL_STREAM) continue;
      while (next < marks.length && event.position > marks[next].position) {
        const failure = check();
        if (failure) return failure;
      }
      running.hash = chainHash(running.hash, eventText(event));
      running.count += 1;
      if (next >= marks.length) unsealed += 1;
    }
    onProgress?.(page[page.length - 1].position, head);
  }
  while (next < marks.length) {
    const failure = check();
    if (failure) return failure;
  }
  const sealedUpTo = marks[marks.length - 1]?.position ?? 0;
  return {
    ok: true,
    seals: seals.length,
    verifiedUpTo: sealedUpTo,
    unsealed,
    message:
      seals.length === 0
        ? `NO SEALS: nothing to compare with (${running.count} events); run "audit seal" first`
        : `OK: ${marks[marks.length - 1].count} events up to position ${sealedUpTo} match ${seals.length} seal(s)` +
          (unsealed ? `; ${unsealed} newer events are not sealed yet` : ''),
  };
}
