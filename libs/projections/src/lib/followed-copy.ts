import { readCheckpoint } from './checkpoint';
import { listCopies } from './copies';
import type { EventSource } from './event-source';
import type { Projection } from './projection';
import type { ReadModelDatabase } from './read-model-database';
import type { Copy } from './table-names';

/**
 * A projection another process maintains (see projectsInThisProcess): this process reads the live
 * copy and its checkpoint from the shared read-model file. Reads are cheap indexed selects, so a
 * read-your-writes wait polls them instead of relying on an in-process notification.
 */
export class FollowedCopy {
  /** The checkpoint the last skip check was made at, and its answer up to which position. */
  private checked?: { checkpoint: number; reachesUpTo: number };
  /** An event of the filter a check found beyond the checkpoint: "not yet" for it and later, without a scan. */
  private pendingAt?: number;

  constructor(
    private readonly database: ReadModelDatabase,
    private readonly source: EventSource,
    readonly projection: Projection,
  ) {}

  /** The copy queries read now; the projecting process swaps it after a rebuild. Undefined before its first start. */
  liveCopy(): Copy | undefined {
    return listCopies(this.database, this.projection.name).find((copy) => copy.live);
  }

  position(): number {
    const copy = this.liveCopy();
    return copy ? readCheckpoint(this.database, copy) : 0;
  }

  /**
   * True when every event of the filter up to `position` is in the live copy (as ProjectionWorker.reached,
   * `ownEvent` too: the event at `position` is the filter's, so only the checkpoint can answer).
   */
  async reached(position: number, ownEvent = false): Promise<boolean> {
    const checkpoint = this.position();
    if (checkpoint >= position) return true;
    if (this.checked?.checkpoint === checkpoint && this.checked.reachesUpTo >= position)
      return true;
    if (ownEvent) return false;
    // Each poll of a read-your-writes wait would scan again while the projecting process catches up.
    if (this.pendingAt !== undefined && checkpoint < this.pendingAt && position >= this.pendingAt)
      return false;
    if (!this.source.readAll || !this.source.headPosition) return false;
    // Only a position that exists can be "reached" by skipping: later positions are not assigned yet.
    const head = await this.source.headPosition();
    if (head < position) return false;
    // Until the checkpoint moves, everything below the next event of the filter counts as reached, and
    // the next check scans on from there instead of from the checkpoint (which, for a filter that
    // rarely matches, would read most of the store every time).
    const scannedTo = this.checked?.checkpoint === checkpoint ? this.checked.reachesUpTo : 0;
    const [next] = await this.source.readAll({
      fromPosition: Math.max(checkpoint, scannedTo),
      maxCount: 1,
      filter: this.projection.filter,
    });
    this.checked = {
      checkpoint,
      reachesUpTo: Math.max(scannedTo, next ? next.position - 1 : head),
    };
    if (next && next.position <= position) this.pendingAt = next.position;
    return !next || next.position > position;
  }
}
