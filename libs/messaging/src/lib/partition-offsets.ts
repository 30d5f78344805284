/**
 * Which offset of one partition may be committed: everything below it was either committed to the
 * read model (acknowledged) or needs no processing (filtered out, dead-lettered). Offsets are
 * numbers: 2^53 messages in one partition is far away.
 */
export class PartitionOffsets {
  /** Handed to the runner, not acknowledged yet, in offset order. */
  private readonly pending: number[] = [];
  private next = -1;
  private committed = -1;

  /** A message the runner must acknowledge before the offset may pass it. */
  delivered(offset: number): void {
    this.pending.push(offset);
    this.next = Math.max(this.next, offset + 1);
  }

  /** A message nothing has to wait for. */
  passed(offset: number): void {
    this.next = Math.max(this.next, offset + 1);
  }

  acknowledged(offset: number): void {
    const index = this.pending.indexOf(offset);
    if (index >= 0) this.pending.splice(index, 1);
  }

  /** The offset to commit now, or undefined when it would not move. */
  committable(): number | undefined {
    const offset = this.pending.length > 0 ? this.pending[0] : this.next;
    return offset > this.committed ? offset : undefined;
  }

  markCommitted(offset: number): void {
    this.committed = Math.max(this.committed, offset);
  }

  /** The offset below which everything is in the read model or needs nothing; -1 before any message. */
  get doneBelow(): number {
    return this.pending.length > 0 ? this.pending[0] : this.next;
  }

  /** The last offset committed in this generation, -1 before the first commit. */
  get lastCommitted(): number {
    return this.committed;
  }

  /** Everything up to `offset` has been seen (for catch-up). */
  seenThrough(offset: number): boolean {
    return this.next > offset;
  }
}

/** A partition's key in SourceProgress (`<partition>:<topic>`). */
export const partitionKey = (topic: string, partition: number): string => `${partition}:${topic}`;
