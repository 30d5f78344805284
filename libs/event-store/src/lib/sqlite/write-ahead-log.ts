/** The part of a better-sqlite3 connection the switch needs (a fake one in the spec). */
interface PragmaConnection {
  pragma(source: string): unknown;
}

const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * Switches a connection to write-ahead logging. Processes that open one new file at the same moment
 * (a service's workers starting together on a fresh data folder) each want the file to themselves
 * for the switch, and SQLite answers one of them SQLITE_BUSY at once, without its busy handler, as
 * it does wherever waiting could deadlock. CI saw a limiter worker die of it. So a busy switch is
 * tried again, after 1, 2, 4 ... 50 ms, until `timeoutMs`; then the error is thrown as before.
 * It blocks: it runs once, while the process opens its files, before it serves anything.
 */
export function useWriteAheadLog(
  db: PragmaConnection,
  timeoutMs: number = DEFAULT_TIMEOUT_MS,
): void {
  const deadline = Date.now() + timeoutMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let waitMs = 1; ; waitMs = Math.min(waitMs * 2, 50)) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
      Atomics.wait(pause, 0, 0, waitMs);
    }
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
