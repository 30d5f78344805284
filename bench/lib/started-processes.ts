/**
 * The processes a benchmark started, stopped by their ids however the benchmark ends: on SIGINT or
 * SIGTERM they get SIGTERM (SIGKILL after a grace period) before it exits; when it exits any other way
 * (an error, process.exit) they get SIGTERM synchronously from the 'exit' handler, and their temporary
 * folders are left. A detached child (a cluster primary with its workers, kc.sh with its java) is
 * stopped as a process group, so nothing it started is left behind. Only SIGKILL of the benchmark
 * itself cannot be handled.
 */

interface Started {
  readonly pid: number;
  /** Started with `detached: true`: it leads its own process group, which is signalled whole. */
  readonly group: boolean;
  /** Synchronous clean-up once it has stopped (its temporary folders). */
  readonly cleanup?: () => void;
}

const started = new Map<number, Started>();
const GRACE_MS = 25_000;
let installed = false;
let stoppingSince = 0;

/** Remembers a started process; returns what to call once it has been stopped the ordinary way. */
export function trackProcess(
  pid: number | undefined,
  options: { group?: boolean; cleanup?: () => void } = {},
): () => void {
  if (pid === undefined) return () => undefined;
  install();
  started.set(pid, { pid, group: options.group ?? false, cleanup: options.cleanup });
  return () => {
    started.delete(pid);
  };
}

/** Whether a process (or, for a group, any member of it) still exists. */
function alive(entry: Started): boolean {
  try {
    process.kill(entry.group ? -entry.pid : entry.pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signal(entry: Started, name: NodeJS.Signals): void {
  try {
    process.kill(entry.group ? -entry.pid : entry.pid, name);
  } catch {
    // already gone
  }
}

function cleanUp(entry: Started): void {
  try {
    entry.cleanup?.();
  } catch {
    // best effort: a temporary folder left behind is no reason to fail the stop
  }
}

/** SIGTERM to everything still running, SIGKILL to what is left after the grace period. */
async function stopEverything(): Promise<void> {
  const entries = [...started.values()];
  entries.forEach((entry) => signal(entry, 'SIGTERM'));
  const deadline = Date.now() + GRACE_MS;
  while (entries.some(alive) && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 100));
  for (const entry of entries) {
    if (alive(entry)) signal(entry, 'SIGKILL');
    cleanUp(entry);
    started.delete(entry.pid);
  }
}

function install(): void {
  if (installed) return;
  installed = true;
  for (const [name, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.on(name, () => {
      if (stoppingSince) {
        // Ctrl-C reaches this process twice (from the terminal and through bench/run.mjs): only a
        // signal well after the first means "stop waiting".
        if (Date.now() - stoppingSince < 2_000) return;
        for (const entry of started.values()) signal(entry, 'SIGKILL');
        process.exit(code);
      }
      stoppingSince = Date.now();
      console.error(
        `\n${name}: stopping the ${started.size} process(es) this benchmark started (pids ${[...started.keys()].join(', ')}) …`,
      );
      void stopEverything().finally(() => process.exit(code));
    });
  }
  // Synchronous only: the processes are told to stop; their folders stay (they may still write there).
  process.on('exit', () => {
    for (const entry of started.values()) signal(entry, 'SIGTERM');
  });
}
