import {
  closeSync,
  constants,
  existsSync,
  type FSWatcher,
  openSync,
  watch,
  writeSync,
} from 'node:fs';
import { PRIVATE_FILE_MODE } from './private-file';

/** `<store file>-commits`: beside SQLite's own `-wal` and `-shm`, with the store's owner-only mode. */
export const commitBellPath = (storePath: string) => `${storePath}-commits`;

const ONE_BYTE = Buffer.alloc(1);

/**
 * How the processes sharing one SQLite store tell each other that a commit is visible. After each
 * commit, the process that wrote it writes one byte at offset 0 of `<store>-commits` (one pwrite,
 * no fsync: the byte means nothing, only the write does); every other process watches that file
 * with inotify and checks for new events when it changes.
 *
 * Why not watch `-wal` (what it replaces): SQLite writes the WAL frames before the commit's fsync
 * and publishes the commit in the shared-memory index only after it, so a change of the WAL comes
 * before the commit can be read. The watchers had to check at the change, then again 3, 20, 80 and
 * 250 ms later: two to four event-loop wake-ups per foreign commit in every watching process, each
 * 40-135 µs of CPU on the 2-core build machine, in processes that the commit mostly did not concern
 * (profile- and credentials-service during sign-ins). The bell rings once the commit is readable:
 * one wake-up, and the commit is seen sooner.
 */
export class CommitBell {
  private fd?: number;
  private watcher?: FSWatcher;

  constructor(private readonly path: string) {}

  /** Creates the bell file (owner only) and keeps it open for ringing; false where it cannot. */
  openForRinging(): boolean {
    try {
      this.fd = openSync(this.path, constants.O_RDWR | constants.O_CREAT, PRIVATE_FILE_MODE);
      return true;
    } catch {
      return false;
    }
  }

  /** After a commit of this process: every watcher of the file gets one change. */
  ring(): void {
    if (this.fd === undefined) return;
    try {
      writeSync(this.fd, ONE_BYTE, 0, 1, 0);
    } catch {
      // The others still see the commit at their poll.
    }
  }

  /**
   * Calls `onRing` when a process (this one included) rang. False when the file is not there (a
   * read-only store beside writers of an older version) or cannot be watched: the poll remains.
   */
  watch(onRing: () => void): boolean {
    if (this.watcher) return true;
    if (!existsSync(this.path)) return false;
    try {
      this.watcher = watch(this.path, { persistent: false }, onRing);
      this.watcher.on('error', () => this.stopWatching());
      return true;
    } catch {
      return false;
    }
  }

  get watching(): boolean {
    return this.watcher !== undefined;
  }

  close(): void {
    this.stopWatching();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private stopWatching(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }
}
