import {
  closeSync,
  constants,
  existsSync,
  type FSWatcher,
  mkdirSync,
  openSync,
  watch,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { EventFilter } from '../types';
import { bellsOfFilter } from '../commit-bells';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './private-file';

export {
  bellsOfCommit,
  bellsOfFilter,
  categoryBell,
  type CommittedAppend,
  typeBell,
} from '../commit-bells';

/**
 * `<store file>-commits`: the one bell of the previous version, rung after every commit whatever it
 * held. Still watched (a writer of that version wakes everyone, as it did), no longer rung.
 */
export const commitBellPath = (storePath: string) => `${storePath}-commits`;

/** `<store file>-bells/`: one bell file per event type and per stream category committed. */
export const commitBellsDir = (storePath: string) => `${storePath}-bells`;

const ONE_BYTE = Buffer.alloc(1);
/** Beyond this many open bell files a writer closes them all and reopens on demand. */
const MAX_OPEN_BELLS = 256;

/**
 * How the processes sharing one SQLite store tell each other that a commit is visible, and what it
 * holds. After each commit, the process that wrote it writes one byte at offset 0 of one file per
 * event type and per stream category of the commit, in `<store>-bells/` (a pwrite each, no fsync:
 * the byte means nothing, only the write does). Every other process watches, with inotify, only the
 * files of its live subscriptions' filters (or the folder, for a subscription that wants
 * everything), so a commit wakes only the processes that may want it: a sign-in's commits
 * (`session-`, `signin-`; `SessionStarted`, `SignInCompleted`) no longer wake profile-service or
 * credentials-service, whose filters want none of them. Each wake-up of an idle process costs
 * 40-135 µs of CPU on the 2-core build machine, whatever it then does.
 *
 * Why not watch `-wal` (what the first bell replaced): SQLite writes the WAL frames before the
 * commit's fsync and publishes the commit only after it, so a change of the WAL comes before the
 * commit can be read. The bells ring once the commit is readable.
 *
 * A ring that does not come (a writer killed between its commit and the ring, a writer of a version
 * before the bells) is covered by the store's poll; a writer of the one-bell version rings
 * `<store>-commits`, which every store still watches.
 */
export class CommitBells {
  private readonly dir: string;
  private readonly open = new Map<string, number>();
  private readonly watchers = new Map<string, FSWatcher>();
  private ringing = false;
  private watchingAll = false;
  private lost = false;

  constructor(
    private readonly storePath: string,
    /** A watch was lost (its file removed, an inotify error): the store's fast poll must cover it. */
    private readonly onLost: () => void = () => undefined,
  ) {
    this.dir = commitBellsDir(storePath);
  }

  /** Creates the bells' folder (owner only); false where it cannot (then the others poll). */
  openForRinging(): boolean {
    this.ringing = this.makeDir();
    return this.ringing;
  }

  /** After a commit of this process: every watcher of one of these bells gets one change. */
  ring(bells: Iterable<string>): void {
    if (!this.ringing) return;
    for (const bell of bells) {
      try {
        writeSync(this.fdOf(bell), ONE_BYTE, 0, 1, 0);
      } catch {
        // The others still see the commit at their poll.
      }
    }
  }

  /**
   * Calls `onRing` when a process (this one included) commits something the filter may want, or
   * an older writer rings the one bell. False when some bell cannot be watched (a read-only folder
   * without the files, inotify's limit): the store keeps its fast poll then.
   */
  watch(filter: EventFilter | undefined, onRing: () => void): boolean {
    const bells = bellsOfFilter(filter);
    let ok = this.watchFile(commitBellPath(this.storePath), onRing);
    if (this.watchingAll) return ok && !this.lost;
    if (bells === 'all') {
      ok = this.watchAll(onRing) && ok;
    } else {
      this.makeDir();
      for (const bell of bells) ok = this.watchFile(join(this.dir, bell), onRing) && ok;
    }
    return ok && !this.lost;
  }

  close(): void {
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
    this.closeOpen();
    this.ringing = false;
  }

  /** A watch on the folder: a change of any bell in it. The bells watched one by one are dropped. */
  private watchAll(onRing: () => void): boolean {
    if (!this.makeDir() && !existsSync(this.dir)) return false;
    const legacy = commitBellPath(this.storePath);
    for (const [path, watcher] of this.watchers) {
      if (path === legacy) continue;
      watcher.close();
      this.watchers.delete(path);
    }
    this.watchingAll = this.watchFile(this.dir, onRing);
    return this.watchingAll;
  }

  private watchFile(path: string, onRing: () => void): boolean {
    if (this.watchers.has(path)) return true;
    try {
      // A bell nobody rang yet: created empty (owner only) so that it can be watched.
      if (path !== this.dir) closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
    } catch {
      if (!existsSync(path)) return false;
    }
    try {
      const watcher = watch(path, { persistent: false }, onRing);
      watcher.on('error', () => {
        watcher.close();
        this.watchers.delete(path);
        this.lost = true;
        this.onLost();
      });
      this.watchers.set(path, watcher);
      return true;
    } catch {
      return false;
    }
  }

  private fdOf(bell: string): number {
    let fd = this.open.get(bell);
    if (fd === undefined) {
      if (this.open.size >= MAX_OPEN_BELLS) this.closeOpen();
      fd = openSync(
        join(this.dir, bell),
        constants.O_WRONLY | constants.O_CREAT,
        PRIVATE_FILE_MODE,
      );
      this.open.set(bell, fd);
    }
    return fd;
  }

  private closeOpen(): void {
    for (const fd of this.open.values()) closeSync(fd);
    this.open.clear();
  }

  private makeDir(): boolean {
    try {
      mkdirSync(this.dir, { recursive: true, mode: PRIVATE_DIR_MODE });
      return true;
    } catch {
      return false;
    }
  }
}
